package io.stereospot.server.segment;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds where a segment's MPEG-TS can be cut into parts a player can start on: at video keyframes at least
 * {@link #MIN_PART_SECONDS} apart, each part beginning with the PAT and PMT that FFmpeg's muxer writes just before a
 * keyframe. The playlist lists them as byte ranges of the one file (EXT-X-BYTERANGE).
 *
 * <p>Why: FFmpeg's HLS reader, and so mpv and ffplay, starts a live playlist three entries from its end and ignores
 * EXT-X-START; three whole 5 s segments put a player opened on a running stream about 18 s behind the screen (issue
 * 11). Three parts of about a second put it where a player opened at Start is. The RFC keeps a live playlist at
 * least three target durations long, so shorter entries are the honest way to a shorter start.
 */
final class SegmentParts {

    /** Keyframes closer than this to a part's start (a scene cut just after a forced keyframe) stay inside it. */
    static final double MIN_PART_SECONDS = 0.9;
    private static final int PACKET_BYTES = TransportContinuity.PACKET_BYTES;
    private static final int PAT_PID = 0;
    private static final double PTS_HZ = 90_000.0;

    private SegmentParts() {
    }

    /**
     * @return the parts in order, the first at offset 0; a single part, the whole file, when there is only one place
     *         to start (no video, or a single keyframe). Still a byte range: FFmpeg's HLS reader (5.1), on the
     *         connection it keeps open, asks for a segment listed without one after a byte-range entry with the
     *         previous entry's range end, and loses the rest of the segment (measured: "Range: bytes=0-338211" for a
     *         whole segment after parts, 9 of 600 frames lost).
     */
    static List<SegmentTimeline.Part> find(Path ts) throws IOException {
        long fileBytes = Files.size(ts);
        List<long[]> starts = new ArrayList<>(); // {offset, pts}
        int videoPid = -1;
        long lastPat = -1;
        long lastVideo = -1;
        byte[] packet = new byte[PACKET_BYTES];
        try (InputStream in = new BufferedInputStream(Files.newInputStream(ts), PACKET_BYTES * 512)) {
            for (long offset = 0; in.readNBytes(packet, 0, PACKET_BYTES) == PACKET_BYTES; offset += PACKET_BYTES) {
                if ((packet[0] & 0xFF) != TransportContinuity.SYNC) {
                    throw new IOException("No MPEG-TS sync byte at offset " + offset);
                }
                int pid = TransportContinuity.pid(packet, 0);
                boolean unitStart = (packet[1] & 0x40) != 0;
                if (pid == PAT_PID && unitStart) {
                    lastPat = offset;
                    continue;
                }
                if (videoPid >= 0 && pid != videoPid) {
                    continue;
                }
                long keyframePts = keyframePts(packet, unitStart);
                if (videoPid < 0) {
                    if (!unitStart || !isVideoPes(packet)) {
                        continue;
                    }
                    videoPid = pid;
                }
                if (keyframePts >= 0) {
                    if (starts.isEmpty()) {
                        starts.add(new long[] {0, keyframePts});
                    } else if ((keyframePts - starts.get(starts.size() - 1)[1]) / PTS_HZ >= MIN_PART_SECONDS) {
                        // The PAT/PMT the muxer wrote for this keyframe, so a player starting here learns the PIDs.
                        starts.add(new long[] {lastPat > lastVideo ? lastPat : offset, keyframePts});
                    }
                }
                lastVideo = offset;
            }
        }
        if (starts.size() < 2) {
            return List.of(new SegmentTimeline.Part(0, fileBytes, 0));
        }
        List<SegmentTimeline.Part> parts = new ArrayList<>(starts.size());
        long firstPts = starts.get(0)[1];
        for (int i = 0; i < starts.size(); i++) {
            long offset = starts.get(i)[0];
            long end = i + 1 < starts.size() ? starts.get(i + 1)[0] : fileBytes;
            parts.add(new SegmentTimeline.Part(offset, end - offset, (starts.get(i)[1] - firstPts) / PTS_HZ));
        }
        return parts;
    }

    /** The start of a video PES (stream ids 0xE0–0xEF). */
    private static boolean isVideoPes(byte[] packet) {
        int at = payloadStart(packet);
        return at >= 0 && at + 4 <= PACKET_BYTES && packet[at] == 0 && packet[at + 1] == 0 && packet[at + 2] == 1
                && (packet[at + 3] & 0xF0) == 0xE0;
    }

    /**
     * The PTS of a video keyframe starting in this packet (the muxer sets the random access indicator on it), or -1.
     */
    private static long keyframePts(byte[] packet, boolean unitStart) {
        boolean adaptation = (packet[3] & 0x20) != 0;
        boolean randomAccess = adaptation && (packet[4] & 0xFF) > 0 && (packet[5] & 0x40) != 0;
        if (!unitStart || !randomAccess || !isVideoPes(packet)) {
            return -1;
        }
        int at = payloadStart(packet);
        if (at + 14 > PACKET_BYTES || (packet[at + 7] & 0x80) == 0) {
            return -1; // no PTS
        }
        int p = at + 9;
        return ((long) (packet[p] & 0x0E) << 29) | ((packet[p + 1] & 0xFF) << 22) | ((packet[p + 2] & 0xFE) << 14)
                | ((packet[p + 3] & 0xFF) << 7) | ((packet[p + 4] & 0xFE) >> 1);
    }

    /** Where the payload starts in the packet, or -1 when it has none. */
    private static int payloadStart(byte[] packet) {
        if ((packet[3] & 0x10) == 0) {
            return -1;
        }
        return (packet[3] & 0x20) != 0 ? 5 + (packet[4] & 0xFF) : 4;
    }
}
