package io.stereospot.capture.upload;

import java.nio.file.Path;

/** Where chunks go: one PUT of one chunk file. {@link S3ChunkStore} is the real one. */
public interface ChunkStore extends AutoCloseable {

    /** Stores chunk {@code index}; returns once the store acknowledged it. */
    void put(int index, Path file) throws UploadAttemptException;

    /**
     * Prepares for the first PUT without sending anything (loads and warms the client), so chunk 0 is not
     * published seconds late. Called once, on the uploader's thread, before the first chunk is ready.
     */
    default void warmUp() {
    }

    @Override
    void close();
}
