package io.stereospot.server.convert;

import java.nio.file.Path;

/**
 * Told about each converted segment before it is stored under its final key, while the file is still on local
 * disk: the playlist side measures it and makes its player-ready form there, so the segment is listed the moment
 * its MP4 appears.
 */
@FunctionalInterface
public interface SegmentListener {

    SegmentListener NONE = (sessionId, index, segment) -> { };

    void segmentConverted(String sessionId, int index, Path segment) throws Exception;
}
