package io.stereospot.capture;

import io.stereospot.contract.SessionStatus;
import io.stereospot.contract.StreamSession;

/**
 * What a {@link Broadcast} reports. Calls come from engine threads, one at a time and in order; a UI moves them
 * to its own thread. Every method has a no-op default; an exception thrown here is logged and ignored.
 */
public interface BroadcastListener {

    default void stateChanged(BroadcastState state) {
    }

    /** The session exists: its playlist URL can be shown now, before the first chunk is uploaded. */
    default void sessionStarted(StreamSession session) {
    }

    /**
     * Chunk {@code index} is stored.
     *
     * @param bytes            its size
     * @param publishLatencyMs from the moment FFmpeg finished the chunk to the store's acknowledgement
     */
    default void chunkUploaded(int index, long bytes, long publishLatencyMs) {
    }

    /** FFmpeg's own progress, about once a second: encode speed (1.0 = real time) and dropped frames. */
    default void encoderProgress(EncoderProgress progress) {
    }

    /**
     * The server's view of the session, about every 5 s while live: segments ready, conversion lag, and the
     * segments shown flat because the converter could not convert their chunk ({@code fallbackSegments}).
     */
    default void conversionStatus(SessionStatus status) {
    }

    /** Something the person should know that does not stop the broadcast (credentials expire in 10 min). */
    default void warning(String sentence) {
    }

    /** The broadcast failed; {@code sentence} says why, for a person. Followed by stateChanged(FAILED). */
    default void failed(StopReason reason, String sentence) {
    }
}
