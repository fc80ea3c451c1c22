package io.stereospot.server.playlist;

import io.stereospot.contract.ObjectKeys;
import java.util.List;
import java.util.Locale;

/** Writes the HLS media playlist text for a session's contiguous segments. Pure: tested on its own. */
public final class PlaylistRenderer {

    public static final String CONTENT_TYPE = "application/vnd.apple.mpegurl";

    private PlaylistRenderer() {
    }

    /**
     * @param durationsSeconds     the real duration of segments 0, 1, 2… (only the contiguous run from 0)
     * @param complete             the session ended and every uploaded chunk has its segment: add ENDLIST
     * @param nominalSegmentSeconds the chunk length; the target duration never drops below it, so it stays steady
     *                             while a live playlist grows
     */
    public static String render(List<Double> durationsSeconds, boolean complete, int nominalSegmentSeconds) {
        long target = nominalSegmentSeconds;
        for (double d : durationsSeconds) {
            // RFC 8216 4.3.3.1: each EXTINF rounded to the nearest integer must not exceed the target duration.
            target = Math.max(target, Math.round(d));
        }
        StringBuilder out = new StringBuilder(96 + durationsSeconds.size() * 32);
        out.append("#EXTM3U\n")
                .append("#EXT-X-VERSION:3\n")
                .append("#EXT-X-PLAYLIST-TYPE:EVENT\n")
                .append("#EXT-X-TARGETDURATION:").append(target).append('\n')
                .append("#EXT-X-MEDIA-SEQUENCE:0\n");
        for (int i = 0; i < durationsSeconds.size(); i++) {
            out.append("#EXTINF:").append(String.format(Locale.ROOT, "%.6f", durationsSeconds.get(i))).append(",\n")
                    .append(segmentName(i)).append('\n');
        }
        if (complete) {
            out.append("#EXT-X-ENDLIST\n");
        }
        return out.toString();
    }

    /** The segment's URI, relative to the playlist: the player asks the same server, whatever address it used. */
    public static String segmentName(int index) {
        return ObjectKeys.transportStreamName(index);
    }
}
