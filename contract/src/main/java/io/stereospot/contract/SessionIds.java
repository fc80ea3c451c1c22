package io.stereospot.contract;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Session ids are lower-case UUID v4 strings. Anything else (traversal, other UUID versions, upper case,
 * oversize) is refused before it reaches a key, a path or a log line.
 */
public final class SessionIds {

    private static final Pattern UUID_V4 =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    private SessionIds() {
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public static boolean isValid(String candidate) {
        return candidate != null && candidate.length() == 36 && UUID_V4.matcher(candidate).matches();
    }

    /** @throws IllegalArgumentException with a sentence that does not echo the (possibly hostile) input */
    public static String requireValid(String candidate) {
        if (!isValid(candidate)) {
            throw new IllegalArgumentException("Session id must be a UUID v4");
        }
        return candidate;
    }
}
