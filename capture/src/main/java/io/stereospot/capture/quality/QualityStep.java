package io.stereospot.capture.quality;

import io.stereospot.capture.ffmpeg.FrameSize;
import java.util.List;
import java.util.Optional;

/**
 * One rung of Auto's ladder: an output size and a frame rate, e.g. 720p at 30 frames a second.
 *
 * @param label what the log, {@code capture} and the window call it ({@code 720p30})
 */
public record QualityStep(String label, FrameSize size, int fps) {

    public static final QualityStep P1080_30 = new QualityStep("1080p30", new FrameSize(1920, 1080), 30);
    public static final QualityStep P720_30 = new QualityStep("720p30", new FrameSize(1280, 720), 30);
    public static final QualityStep P720_15 = new QualityStep("720p15", new FrameSize(1280, 720), 15);

    /** Auto's candidates, best first: it takes the first one this machine keeps smooth. */
    public static final List<QualityStep> LADDER = List.of(P1080_30, P720_30, P720_15);

    /**
     * The ladder for a source {@code sourceHeight} pixels high: steps taller than the source are left out (a small
     * window scaled up to 1080p costs the encoder more and shows nothing more), 720p always stays.
     */
    public static List<QualityStep> ladderFor(int sourceHeight) {
        return LADDER.stream().filter(s -> s.size.height() <= Math.max(720, sourceHeight)).toList();
    }

    /** The step a hand-chosen size and rate stand for, on the ladder or not. */
    public static QualityStep of(FrameSize size, int fps) {
        return LADDER.stream().filter(s -> s.size.equals(size) && s.fps == fps).findFirst()
                .orElseGet(() -> new QualityStep(size.height() + "p" + fps, size, fps));
    }

    /** The next rung down, or empty at the bottom (or off the ladder). */
    public Optional<QualityStep> lower() {
        int at = LADDER.indexOf(this);
        return at < 0 || at + 1 >= LADDER.size() ? Optional.empty() : Optional.of(LADDER.get(at + 1));
    }

    /** "720p at 30 frames a second", for a sentence. */
    public String spoken() {
        return size.height() + "p at " + fps + " frames a second";
    }

    @Override
    public String toString() {
        return label;
    }
}
