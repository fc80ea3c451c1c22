package io.stereospot.server.http;

/**
 * What a request's {@code Range} header asks of a representation of {@code totalBytes} (RFC 9110 14.1.2, 14.2):
 * the whole of it, one slice, or nothing it has. Only a single byte range is served as a slice; a header that is
 * malformed, names another unit or asks several ranges is ignored, which RFC 9110 allows, so the whole is sent.
 * Pure: any text, of any length, gives an answer and never an exception.
 */
sealed interface ByteRange {

    /** Send everything, 200. */
    record Whole() implements ByteRange {
    }

    /** Send bytes {@code firstByte..lastByte} (both inclusive, within the total), 206. */
    record Slice(long firstByte, long lastByte) implements ByteRange {

        long lengthBytes() {
            return lastByte - firstByte + 1;
        }
    }

    /** The range starts past the end (or asks the last 0 bytes), 416. */
    record Unsatisfiable() implements ByteRange {
    }

    /** A number too long for a long; as a position it is past the end of any segment. */
    long HUGE = Long.MAX_VALUE;

    /**
     * @param header     the {@code Range} header's value, or null when the request has none
     * @param totalBytes the representation's length
     */
    static ByteRange of(String header, long totalBytes) {
        if (header == null || totalBytes <= 0) {
            return new Whole();
        }
        int eq = header.indexOf('=');
        if (eq < 0 || !header.substring(0, eq).strip().equalsIgnoreCase("bytes")) {
            return new Whole();
        }
        String spec = header.substring(eq + 1).strip();
        int dash = spec.indexOf('-');
        // A comma means several ranges (or empty list elements): served whole rather than as multipart.
        if (dash < 0 || spec.indexOf(',') >= 0) {
            return new Whole();
        }
        String first = spec.substring(0, dash);
        String last = spec.substring(dash + 1);
        if (first.isEmpty()) {
            // "-n": the last n bytes, or all of them when n is at least the total.
            long suffixBytes = number(last);
            if (suffixBytes < 0) {
                return new Whole();
            }
            if (suffixBytes == 0) {
                return new Unsatisfiable();
            }
            return new Slice(Math.max(0, totalBytes - suffixBytes), totalBytes - 1);
        }
        long firstByte = number(first);
        long lastByte = last.isEmpty() ? HUGE : number(last);
        if (firstByte < 0 || lastByte < 0 || lastByte < firstByte) {
            return new Whole();
        }
        if (firstByte >= totalBytes) {
            return new Unsatisfiable();
        }
        return new Slice(firstByte, Math.min(lastByte, totalBytes - 1));
    }

    /** Digits only (no sign, no spaces); -1 for anything else; {@link #HUGE} for more digits than a long holds. */
    private static long number(String digits) {
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return HUGE;
        }
    }
}
