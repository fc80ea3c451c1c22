package io.stereospot.server.store;

import io.stereospot.server.datadir.DiskFull;

import java.util.Objects;

/**
 * An S3 error the embedded store answers instead of storing an object ({@link StoreFaults}).
 *
 * @param httpStatus the HTTP status, e.g. 503
 * @param code       the AWS error code, e.g. {@code SlowDown}
 * @param message    the message in the error document
 */
public record StoreFault(int httpStatus, String code, String message) {

    public StoreFault {
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("A store fault needs a 4xx or 5xx status, not " + httpStatus);
        }
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** What the store tells a client when the sentence below is why. */
    public static final String DISK_FULL_MESSAGE = DiskFull.MESSAGE;

    /** What the store answers a write that found the data dir's disk full (as {@code S3Errors.diskFull()} does). */
    public static StoreFault diskFull() {
        return new StoreFault(503, "SlowDown", DISK_FULL_MESSAGE);
    }

    public static StoreFault slowDown() {
        return new StoreFault(503, "SlowDown", "Please reduce your request rate.");
    }

    public static StoreFault internalError() {
        return new StoreFault(500, "InternalError", "We encountered an internal error. Please try again.");
    }

    public static StoreFault accessDenied() {
        return new StoreFault(403, "AccessDenied", "Access Denied");
    }
}
