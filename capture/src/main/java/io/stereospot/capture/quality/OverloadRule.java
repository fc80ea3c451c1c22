package io.stereospot.capture.quality;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a stretch of live stream shows the machine overloaded, a pure decision: more than
 * {@value #OVERLOAD_PERCENT} % of the frames dropped or repeated over {@link #WINDOW_MS} ms, or the encoder below
 * real time over as long. A stretch shorter than the window already counts when its dropped and repeated frames
 * are more than that share of the frames a whole window holds: the window can only be worse, and the person hears
 * of it sooner.
 */
public final class OverloadRule {

    public static final double OVERLOAD_PERCENT = 2.0;
    public static final long WINDOW_MS = 10_000;
    /**
     * Below this, stream time falls behind wall time. Not 1.0: progress reports come once a second and stream time
     * moves a frame at a time, so a machine that keeps up still reads a few tenths of a percent either side.
     */
    public static final double MIN_SPEED = 0.95;

    private OverloadRule() {
    }

    /** What was wrong, with figures; names what would help. */
    public record Overload(FrameCounts counts, boolean slow) {

        /**
         * For the window and {@code capture}: the trouble, then what helps.
         *
         * @param auto whether the quality is Auto (which steps down itself while it can)
         */
        public String sentence(QualityStep step, Optional<QualityStep> stepDownTo, boolean auto) {
            String trouble = slow
                    ? String.format(Locale.ROOT, "the encoder runs at %.2f× real time", counts.speed())
                    : String.format(Locale.ROOT, "%.1f %% of the frames were dropped or repeated in the last %d s",
                            counts.stutterPercent(), Math.max(1, counts.wallMs() / 1000));
            String help = stepDownTo.map(lower -> "Quality Auto steps down to " + lower.spoken()
                            + " at the next chunk.")
                    .orElse(auto ? "Close busy programs: Auto is already at its lightest setting."
                            : "Choose a lower resolution (or Auto), or close busy programs.");
            return "This computer cannot keep up with " + step.spoken() + ": " + trouble
                    + ", so viewers see stutter. " + help;
        }
    }

    /**
     * @param counts the stretch, ending now
     * @param fps    the stream's frame rate
     */
    public static Optional<Overload> judge(FrameCounts counts, int fps) {
        if (counts.wallMs() >= WINDOW_MS) {
            if (counts.stutterPercent() > OVERLOAD_PERCENT) {
                return Optional.of(new Overload(counts, false));
            }
            if (counts.speed() < MIN_SPEED) {
                return Optional.of(new Overload(counts, true));
            }
            return Optional.empty();
        }
        double windowFrames = fps * (WINDOW_MS / 1000.0);
        return counts.stutterFrames() > windowFrames * OVERLOAD_PERCENT / 100
                ? Optional.of(new Overload(counts, false)) : Optional.empty();
    }
}
