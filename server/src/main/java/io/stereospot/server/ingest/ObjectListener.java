package io.stereospot.server.ingest;

import io.stereospot.contract.ChunkKey;

/**
 * A later stage of the chunk's path, told by {@link ObjectEvents} what has arrived in the store. The same object
 * may be told more than once (notification and listing). Called on the store's request thread or the listing
 * thread: hand work off, do not block.
 */
public interface ObjectListener {

    /** An uploaded chunk. */
    default void chunkStored(ChunkKey chunk) {
    }

    /** Anything under the session's output prefix: a segment, its player form or its duration. */
    default void outputStored(String sessionId) {
    }

    /** The session's record: a new session, or one just ended. */
    default void recordStored(String sessionId) {
    }
}
