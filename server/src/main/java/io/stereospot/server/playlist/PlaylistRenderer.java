package io.stereospot.server.playlist;

import io.stereospot.contract.ObjectKeys;
import io.stereospot.server.segment.SegmentTimeline;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Writes the HLS media playlist text for a session's contiguous segments. Pure: tested on its own.
 *
 * <p>A segment with parts ({@link SegmentTimeline.Part}) is listed as one entry per part, byte ranges of the same
 * file, each with its own EXTINF and PROGRAM-DATE-TIME; the target duration stays the segment's, so it does not
 * change as a live playlist grows. Media sequence numbers count entries.
 */
public final class PlaylistRenderer {

    public static final String CONTENT_TYPE = "application/vnd.apple.mpegurl";

    /**
     * Where a player opening a live playlist should start: this many seconds before its end (EXT-X-START). Without
     * it players start three target durations back (15 s of 5 s segments), about 20 s behind the screen (issue 11).
     * A player that starts here has little buffered, waits once for the next segment, and from then on plays each
     * segment as soon as it is listed: about one segment plus the pipeline's delay behind the screen, whenever it
     * was opened. Figures in docs/benchmarks.md, "Glass-to-glass".
     */
    public static final double LIVE_START_OFFSET_SECONDS = 1.0;

    /** A part's EXTINF is never printed as zero, whatever a segment's measured duration says. */
    private static final double MIN_ENTRY_SECONDS = 0.001;

    private static final DateTimeFormatter PROGRAM_DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT).withZone(ZoneOffset.UTC);

    private PlaylistRenderer() {
    }

    /**
     * @param segments              segments 0, 1, 2… (only the contiguous run from 0): real duration and when
     *                              captured (EXT-X-PROGRAM-DATE-TIME, when known)
     * @param complete              the session ended and every uploaded chunk has its segment: add ENDLIST
     * @param nominalSegmentSeconds the chunk length; the target duration never drops below it, so it stays steady
     *                              while a live playlist grows
     */
    public static String render(List<SegmentTimeline.Facts> segments, boolean complete, int nominalSegmentSeconds) {
        long target = nominalSegmentSeconds;
        for (SegmentTimeline.Facts segment : segments) {
            // RFC 8216 4.3.3.1: each EXTINF rounded to the nearest integer must not exceed the target duration (a
            // part is never longer than its segment).
            target = Math.max(target, Math.round(segment.durationSeconds()));
        }
        StringBuilder out = new StringBuilder(128 + segments.size() * 72);
        out.append("#EXTM3U\n")
                .append("#EXT-X-VERSION:4\n") // EXT-X-BYTERANGE
                .append("#EXT-X-PLAYLIST-TYPE:EVENT\n")
                .append("#EXT-X-TARGETDURATION:").append(target).append('\n')
                .append("#EXT-X-MEDIA-SEQUENCE:0\n");
        if (!complete) {
            // We hold a reload with _HLS_msn until that segment is listed (ReloadRule); hls.js asks so only when
            // told it may. No HOLD-BACK: EXT-X-START already says where to start, and the RFC wants HOLD-BACK to be
            // at least three target durations, which would put hls.js 15 s behind.
            out.append("#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES\n");
            out.append("#EXT-X-START:TIME-OFFSET=")
                    .append(String.format(Locale.ROOT, "%.1f", -LIVE_START_OFFSET_SECONDS)).append('\n');
        }
        for (int i = 0; i < segments.size(); i++) {
            SegmentTimeline.Facts segment = segments.get(i);
            List<SegmentTimeline.Part> parts = segment.parts();
            if (parts.isEmpty()) {
                entry(out, segment.capturedAtMs(), segment.durationSeconds(), null, i);
                continue;
            }
            for (int p = 0; p < parts.size(); p++) {
                SegmentTimeline.Part part = parts.get(p);
                double end = p + 1 < parts.size() ? parts.get(p + 1).startSeconds() : segment.durationSeconds();
                long capturedAtMs = segment.capturedAtMs() > 0
                        ? segment.capturedAtMs() + Math.round(part.startSeconds() * 1000) : 0;
                entry(out, capturedAtMs, Math.max(end - part.startSeconds(), MIN_ENTRY_SECONDS), part, i);
            }
        }
        if (complete) {
            out.append("#EXT-X-ENDLIST\n");
        }
        return out.toString();
    }

    private static void entry(StringBuilder out, long capturedAtMs, double seconds, SegmentTimeline.Part part,
            int index) {
        if (capturedAtMs > 0) {
            out.append("#EXT-X-PROGRAM-DATE-TIME:")
                    .append(PROGRAM_DATE_TIME.format(Instant.ofEpochMilli(capturedAtMs))).append('\n');
        }
        out.append("#EXTINF:").append(String.format(Locale.ROOT, "%.6f", seconds)).append(",\n");
        if (part != null) {
            out.append("#EXT-X-BYTERANGE:").append(part.lengthBytes()).append('@').append(part.offsetBytes())
                    .append('\n');
        }
        out.append(segmentName(index)).append('\n');
    }

    /** How many entries (media sequence numbers) the playlist of these segments lists: a part each, or one. */
    public static int entryCount(List<SegmentTimeline.Facts> segments) {
        return segments.stream().mapToInt(s -> Math.max(1, s.parts().size())).sum();
    }

    /** The segment's URI, relative to the playlist: the player asks the same server, whatever address it used. */
    public static String segmentName(int index) {
        return ObjectKeys.transportStreamName(index);
    }
}
