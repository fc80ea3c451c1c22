package io.stereospot.capture;

import io.stereospot.capture.ffmpeg.EncoderChoice;
import io.stereospot.contract.SessionStatus;
import io.stereospot.contract.StreamSession;
import io.stereospot.contract.UploadGrant;
import java.time.Duration;

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

    /** The server renewed the upload credentials: uploads go on with these, which last until their expiry. */
    default void credentialsRenewed(UploadGrant upload) {
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

    /** What the system's screen-sharing dialog (or its remembered choice) gave, said for a person. */
    default void sourceChosen(String description) {
    }

    /**
     * Which encoder the broadcast uses and why not each other ({@link EncoderChoice#lines}), before the session is
     * created; when the encoder asked for by name does not work, {@link #failed} follows.
     */
    default void encoderChosen(EncoderChoice choice) {
    }

    /**
     * The size and frame rate the broadcast captures at and why, with the figures measured: Auto's choice before the
     * first chunk, and each step-down while streaming (issue 27).
     */
    default void qualityChosen(String sentence) {
    }

    /** Something the person should know that does not stop the broadcast (credentials expire in 10 min). */
    default void warning(String sentence) {
    }

    /**
     * Uploads have been failing for {@code unreachableFor} and {@code chunksWaiting} complete chunks wait in the
     * spool, to be uploaded in order once the server answers again. Once a second while it lasts;
     * {@link OutageTexts#waiting} says it for a person.
     */
    default void uploadsWaiting(Duration unreachableFor, int chunksWaiting) {
    }

    /**
     * The chunk that waited out the outage is stored; {@code chunksWaiting} more follow it at once.
     * {@link OutageTexts#recovered} says it for a person.
     */
    default void uploadsRecovered(Duration unreachableFor, int chunksWaiting) {
    }

    /** The broadcast failed; {@code sentence} says why, for a person. Followed by stateChanged(FAILED). */
    default void failed(StopReason reason, String sentence) {
    }
}
