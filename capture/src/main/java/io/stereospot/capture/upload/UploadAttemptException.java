package io.stereospot.capture.upload;

/** One PUT of a chunk failed. {@link #retryable()} says whether trying again can help. */
public class UploadAttemptException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    /** @param reason a clause for a person, e.g. "the store answered 503 SlowDown (Please slow down)" */
    public UploadAttemptException(String reason, boolean retryable, Throwable cause) {
        super(reason, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
