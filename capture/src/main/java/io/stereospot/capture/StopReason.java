package io.stereospot.capture;

/** Why a broadcast stopped. The first reason recorded wins. */
public enum StopReason {
    /** Stop was asked for (button, Ctrl-C). */
    USER_REQUESTED(false),
    /** The configured maximum duration passed. */
    DURATION_REACHED(false),
    /**
     * The upload credentials were about to expire (the server does not renew them, or renewing failed until then):
     * stopped cleanly before they did.
     */
    CREDENTIALS_EXPIRING(false),
    /**
     * The stream server refused a chunk because the session's byte quota is used up, and ended the session (on AWS
     * S3, which takes every upload, the session's status says so): every chunk within the quota stays playable.
     */
    SESSION_QUOTA_REACHED(false),
    /**
     * A chunk could not be uploaded after its 3 attempts, the credentials were refused, or more waited in the spool
     * than {@link SpoolLimit} keeps.
     */
    UPLOAD_FAILED(true),
    /** The window closed or was hidden, or the screen went away. */
    SOURCE_LOST(true),
    /** FFmpeg could not start, exited on its own, or stopped producing chunks. */
    ENCODER_FAILED(true),
    /** The stream server could not be reached. */
    SERVER_UNREACHABLE(true),
    /** The stream server answered with an error. */
    SERVER_REJECTED(true),
    /** This session cannot capture (e.g. Wayland without XWayland access). */
    CAPTURE_UNSUPPORTED(true),
    /** A bug: something the engine did not expect. */
    INTERNAL_ERROR(true);

    private final boolean failure;

    StopReason(boolean failure) {
        this.failure = failure;
    }

    /** True when nothing more can be uploaded, so the chunks still waiting are given up. */
    public boolean endsUploads() {
        return this == UPLOAD_FAILED || this == SESSION_QUOTA_REACHED;
    }

    /** True when the broadcast ends in FAILED rather than STOPPED. */
    public boolean isFailure() {
        return failure;
    }
}
