package io.stereospot.capture.upload;

/** The stream server refused a chunk because the session's byte quota is used up; it has ended the session. */
public final class QuotaUsedUpException extends UploadAttemptException {

    private static final long serialVersionUID = 1L;

    QuotaUsedUpException(String reason, Throwable cause) {
        super(reason, false, cause);
    }
}
