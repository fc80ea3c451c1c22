package io.stereospot.capture.quality;

import io.stereospot.capture.ffmpeg.ProgressReport;
import java.util.Locale;

/**
 * Frames FFmpeg wrote, and of them how many it dropped or repeated to hold the frame rate, over a stretch of stream
 * between two of its progress reports. Both kinds are stutter a viewer sees, so they count together.
 *
 * @param mediaMs stream time encoded over the stretch
 * @param wallMs  wall time the stretch took; stream time slower than this means the encoder is behind real time
 */
public record FrameCounts(long frames, long droppedFrames, long duplicatedFrames, long mediaMs, long wallMs) {

    /** From report {@code from} (seen at {@code fromNanos}) to report {@code to} (seen at {@code toNanos}). */
    public static FrameCounts between(ProgressReport from, long fromNanos, ProgressReport to, long toNanos) {
        return new FrameCounts(to.frames() - from.frames(), to.droppedFrames() - from.droppedFrames(),
                to.duplicatedFrames() - from.duplicatedFrames(), to.outTimeMs() - from.outTimeMs(),
                (toNanos - fromNanos) / 1_000_000);
    }

    public long stutterFrames() {
        return droppedFrames + duplicatedFrames;
    }

    /** Dropped + duplicated frames in % of the frames written; 100 when stutter came with no frame at all. */
    public double stutterPercent() {
        if (frames <= 0) {
            return stutterFrames() > 0 ? 100 : 0;
        }
        return 100.0 * stutterFrames() / frames;
    }

    /** Stream time over wall time: 1.0 keeps up with real time. */
    public double speed() {
        return wallMs <= 0 ? 1.0 : (double) mediaMs / wallMs;
    }

    /** "3 dropped + 9 repeated of 300 frames (4.0 %), 0.98× real time", the figures behind a choice. */
    public String figures() {
        return String.format(Locale.ROOT, "%d dropped + %d repeated of %d frames (%.1f %%), %.2f× real time",
                droppedFrames, duplicatedFrames, frames, stutterPercent(), speed());
    }
}
