package io.stereospot.contract;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Object-key rules shared by the uploader, the store's policy check, the converter and the playlist: the one place
 * that builds keys and parses them back. Chunk index = segment index: chunk {@code i} becomes segment {@code i},
 * kept as {@code seg_{i:05d}.mp4} with its player form ({@code .ts}) and measured duration ({@code .json}) beside it.
 */
public final class ObjectKeys {

    public static final String INPUT_ROOT = "stream_input/";
    public static final String OUTPUT_ROOT = "stream_output/";
    public static final String SESSIONS_ROOT = "stream_sessions/";
    /** Five digits in the name; the index itself may grow past it (100 000 chunks is 5.8 days at 5 s). */
    public static final int MAX_INDEX = 99_999;
    /**
     * User metadata a capture puts on each chunk: when its first frame was grabbed, in milliseconds since the epoch
     * on the capturing computer's clock. The playlist's {@code EXT-X-PROGRAM-DATE-TIME} comes from it.
     */
    public static final String CAPTURED_AT_METADATA = "stereospot-captured-at-ms";

    private static final Pattern CHUNK_NAME = Pattern.compile("chunk_(\\d{5})\\.mp4");
    private static final Pattern SEGMENT_NAME = Pattern.compile("seg_(\\d{5})\\.mp4");
    private static final Pattern TRANSPORT_STREAM_NAME = Pattern.compile("seg_(\\d{5})\\.ts");
    private static final String RECORD_SUFFIX = ".json";

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
        return outputPrefix(sessionId) + segmentStem(index) + ".mp4";
    }

    /** The segment's MPEG-TS form, what players get: {@code stream_output/{session}/seg_{i:05d}.ts}. */
    public static String transportStream(String sessionId, int index) {
        return outputPrefix(sessionId) + transportStreamName(index);
    }

    /** The segment's measured duration: {@code stream_output/{session}/seg_{i:05d}.json}. */
    public static String segmentDuration(String sessionId, int index) {
        return outputPrefix(sessionId) + segmentStem(index) + ".json";
    }

    /** The name players ask for, relative to the playlist: {@code seg_{i:05d}.ts}. */
    public static String transportStreamName(int index) {
        return segmentStem(index) + ".ts";
    }

    public static String sessionRecord(String sessionId) {
        return SESSIONS_ROOT + SessionIds.requireValid(sessionId) + RECORD_SUFFIX;
    }

    public static String chunkName(int index) {
        return String.format(Locale.ROOT, "chunk_%05d.mp4", checkIndex(index));
    }

    /** The chunk index of a file name such as {@code chunk_00012.mp4}, or empty for any other name. */
    public static OptionalInt chunkIndex(String fileName) {
        return index(CHUNK_NAME.matcher(fileName));
    }

    /** The segment index of a file name such as {@code seg_00012.mp4}, or empty for any other name. */
    public static OptionalInt segmentIndex(String fileName) {
        return index(SEGMENT_NAME.matcher(fileName));
    }

    /** The segment index of a player-side name such as {@code seg_00012.ts}, or empty for any other name. */
    public static OptionalInt transportStreamIndex(String fileName) {
        return index(TRANSPORT_STREAM_NAME.matcher(fileName));
    }

    /** The session and index of a chunk key, or empty for any key that is not exactly a chunk's. */
    public static Optional<ChunkKey> parseChunk(String key) {
        return sessionBelow(INPUT_ROOT, key).flatMap(id -> {
            OptionalInt index = chunkIndex(key.substring(inputPrefix(id).length()));
            return index.isPresent() ? Optional.of(new ChunkKey(id, index.getAsInt())) : Optional.empty();
        });
    }

    /** The segment index of a key under the session's output prefix, or empty for any other key. */
    public static OptionalInt segmentIndex(String sessionId, String key) {
        String prefix = outputPrefix(sessionId);
        return key != null && key.startsWith(prefix) ? segmentIndex(key.substring(prefix.length()))
                : OptionalInt.empty();
    }

    /** The session of any key under {@code stream_output/{session}/}, or empty. */
    public static Optional<String> outputSession(String key) {
        return sessionBelow(OUTPUT_ROOT, key);
    }

    /** The session of a record key {@code stream_sessions/{session}.json}, or empty for any other key. */
    public static Optional<String> recordSession(String key) {
        if (key == null || !key.startsWith(SESSIONS_ROOT) || !key.endsWith(RECORD_SUFFIX)) {
            return Optional.empty();
        }
        String id = key.substring(SESSIONS_ROOT.length(), key.length() - RECORD_SUFFIX.length());
        return SessionIds.isValid(id) ? Optional.of(id) : Optional.empty();
    }

    /** The valid session id between {@code root} and the next slash, or empty. */
    private static Optional<String> sessionBelow(String root, String key) {
        if (key == null || !key.startsWith(root)) {
            return Optional.empty();
        }
        int slash = key.indexOf('/', root.length());
        String id = slash < 0 ? "" : key.substring(root.length(), slash);
        return SessionIds.isValid(id) ? Optional.of(id) : Optional.empty();
    }

    private static String segmentStem(int index) {
        return String.format(Locale.ROOT, "seg_%05d", checkIndex(index));
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
