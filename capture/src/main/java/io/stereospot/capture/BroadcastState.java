package io.stereospot.capture;

/** {@code IDLE → STARTING → LIVE → STOPPING → STOPPED | FAILED}; STARTING may go straight to FAILED. */
public enum BroadcastState {
    IDLE,
    /** Creating the session and starting FFmpeg. */
    STARTING,
    /** Capturing and uploading. */
    LIVE,
    /** Finishing the last chunk, uploading it, ending the session. */
    STOPPING,
    /** Stopped cleanly: every chunk uploaded, session ended. */
    STOPPED,
    /** Stopped by an error; {@link Broadcast#failureMessage()} says what. The session was ended if it existed. */
    FAILED;

    public boolean isTerminal() {
        return this == STOPPED || this == FAILED;
    }
}
