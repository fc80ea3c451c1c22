package io.stereospot.server.http;

/** A client mistake or a refusal: answered with its status and {@code {"error": message}}. */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    /** The one sentence for a session id that is not one, wherever in a URL it is. */
    static final String INVALID_SESSION_ID = "The session id in the URL is not valid.";

    private final int status;

    public ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    static ApiException invalidSessionId() {
        return badRequest(INVALID_SESSION_ID);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public static ApiException payloadTooLarge(long limitBytes) {
        return new ApiException(413, "The request body is larger than " + limitBytes + " bytes.");
    }
}
