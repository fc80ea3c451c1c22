package io.stereospot.server.convert;

import io.stereospot.contract.ObjectKeys;
import java.util.Locale;

/**
 * Keys of what the playlist side keeps beside each converted segment {@code seg_{i:05d}.mp4}: its MPEG-TS form
 * ({@code .ts}, what players get) and its measured duration ({@code .json}).
 */
public final class SegmentKeys {

    private SegmentKeys() {
    }

    public static String transportStream(String sessionId, int index) {
        return base(sessionId, index) + ".ts";
    }

    public static String duration(String sessionId, int index) {
        return base(sessionId, index) + ".json";
    }

    private static String base(String sessionId, int index) {
        return ObjectKeys.outputPrefix(sessionId) + String.format(Locale.ROOT, "seg_%05d", index);
    }
}
