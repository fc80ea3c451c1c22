package io.stereospot.contract;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Object-key rules shared by the uploader, the store's policy check and the converter.
 * Chunk index = segment index: chunk {@code i} becomes segment {@code i}.
 */
public final class ObjectKeys {

    public static final String INPUT_ROOT = "stream_input/";
    public static final String OUTPUT_ROOT = "stream_output/";
    public static final String SESSIONS_ROOT = "stream_sessions/";
    /** Five digits in the name; the index itself may grow past it (100 000 chunks is 5.8 days at 5 s). */
    public static final int MAX_INDEX = 99_999;

    private static final Pattern CHUNK_NAME = Pattern.compile("chunk_(\\d{5})\\.mp4");
    private static final Pattern SEGMENT_NAME = Pattern.compile("seg_(\\d{5})\\.mp4");

    private ObjectKeys() {
    }

    public static String inputPrefix(String sessionId) {
        return INPUT_ROOT + SessionIds.requireValid(sessionId) + "/";
    }

    public static String outputPrefix(String sessionId) {
        return OUTPUT_ROOT + SessionIds.requireValid(sessionId) + "/";
    }

    public static String chunk(String sessionId, int index) {
        return inputPrefix(sessionId) + chunkName(index);
    }

    public static String segment(String sessionId, int index) {
        return outputPrefix(sessionId) + String.format("seg_%05d.mp4", checkIndex(index));
    }

    public static String sessionRecord(String sessionId) {
        return SESSIONS_ROOT + SessionIds.requireValid(sessionId) + ".json";
    }

    public static String chunkName(int index) {
        return String.format("chunk_%05d.mp4", checkIndex(index));
    }

    /** The chunk index of a file name such as {@code chunk_00012.mp4}, or empty for any other name. */
    public static OptionalInt chunkIndex(String fileName) {
        return index(CHUNK_NAME.matcher(fileName));
    }

    /** The segment index of a file name such as {@code seg_00012.mp4}, or empty for any other name. */
    public static OptionalInt segmentIndex(String fileName) {
        return index(SEGMENT_NAME.matcher(fileName));
    }

    private static OptionalInt index(Matcher matcher) {
        return matcher.matches() ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.empty();
    }

    private static int checkIndex(int index) {
        if (index < 0 || index > MAX_INDEX) {
            throw new IllegalArgumentException("Chunk index out of range: " + index);
        }
        return index;
    }
}
