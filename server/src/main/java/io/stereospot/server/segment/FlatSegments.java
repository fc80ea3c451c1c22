package io.stereospot.server.segment;

import java.util.List;
import java.util.Optional;

/**
 * Which of a session's segments are served flat because the converter gave up on their chunks, and why: known to
 * the converter that made them, and read by whoever reports a session's progress without depending on converting.
 */
public interface FlatSegments {

    /** The segments of a session served flat, in index order. */
    List<Integer> fallbackSegments(String sessionId);

    /** Why the converter last gave up on a chunk of the session (no file paths in it), if it ever did. */
    Optional<String> lastConversionError(String sessionId);
}
