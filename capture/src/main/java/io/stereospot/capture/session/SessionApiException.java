package io.stereospot.capture.session;

import java.util.OptionalInt;

/** The session API could not do what was asked. The message is a sentence for a person. */
public class SessionApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    /** @param status the HTTP status the server answered, or 0 when it could not be reached */
    public SessionApiException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** True when no answer came at all (connection refused, timeout, DNS). */
    public boolean isUnreachable() {
        return status == 0;
    }

    /** The HTTP status of the refusal, empty when the server was unreachable. */
    public OptionalInt status() {
        return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }
}
