package io.stereospot.server.segment;

import io.stereospot.media.FfmpegCommandLine;
import io.stereospot.media.process.ExternalProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Rewraps an MP4 segment as MPEG-TS placed at its offset on the stream's timeline, without re-encoding.
 *
 * <p>Why: an HLS player concatenates segments. Separate MP4 files each start at zero and FFmpeg's HLS reader played
 * only the first; MPEG-TS whose timestamps continue from one segment to the next plays back to back. The offset must
 * be the sum of the previous segments' real durations (multiples of 5 s gave "non monotonically increasing dts" at
 * the joins), and the muxer's default 0.7 s delay must be off or every segment would start late.
 *
 * <p>The whole timeline starts at {@link #LEAD_IN_SECONDS} rather than zero: an MP4 with B-frames has negative
 * decode times at its start, and MPEG-TS cannot carry those, so the muxer would shift the first segment alone by a
 * frame or two and its last frame would collide with the next segment's first (measured: "non monotonically
 * increasing dts … 150 >= 150" when decoding the playlist). Players start at the first timestamp they see.
 */
public final class TransportStreamRemuxer {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    /** Room for negative decode times (B-frames) and audio priming before the stream's first presented frame. */
    public static final double LEAD_IN_SECONDS = 1.0;

    private TransportStreamRemuxer() {
    }

    /** @param offsetSeconds where the segment starts: the sum of the real durations of those before it */
    static void remux(Path mp4, double offsetSeconds, Path ts) throws IOException, InterruptedException {
        ExternalProcess.Result result = ExternalProcess.run(FfmpegCommandLine.ffmpeg().with("-y", "-i", mp4.toString(),
                "-map", "0", "-c", "copy",
                "-output_ts_offset", String.format(Locale.ROOT, "%.6f", LEAD_IN_SECONDS + offsetSeconds),
                "-muxdelay", "0", "-muxpreload", "0", "-f", "mpegts", ts.toString()), null, TIMEOUT);
        if (!result.succeeded()) {
            throw new IOException("FFmpeg could not remux " + mp4.getFileName() + " to MPEG-TS: "
                    + result.stderrTail());
        }
    }
}
