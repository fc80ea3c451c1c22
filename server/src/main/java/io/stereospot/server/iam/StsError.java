package io.stereospot.server.iam;

/** An STS error answer: HTTP status, AWS error code, message. */
final class StsError extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    StsError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
