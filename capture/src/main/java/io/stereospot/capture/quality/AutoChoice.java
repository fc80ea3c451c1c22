package io.stereospot.capture.quality;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Auto's pick, a pure decision over measured candidates: the best step whose trial capture dropped and repeated at
 * most {@value #SMOOTH_PERCENT} % of its frames; the bottom rung when none did (fewer frames still stutter least).
 *
 * @param chosen   the step the broadcast captures at
 * @param measured every step tried, best first, with its figures
 */
public record AutoChoice(QualityStep chosen, List<Measured> measured) {

    /** Dropped + duplicated frames that still look smooth, in % (issue 27: "at or under 1 %"). */
    public static final double SMOOTH_PERCENT = 1.0;

    /** One trial capture's result. */
    public record Measured(QualityStep step, FrameCounts counts) {

        public boolean smooth() {
            return isSmooth(counts);
        }
    }

    public static boolean isSmooth(FrameCounts counts) {
        return counts.frames() > 0 && counts.stutterPercent() <= SMOOTH_PERCENT;
    }

    /** @param measured the trials, best step first; the last one is taken when none is smooth */
    public static AutoChoice of(List<Measured> measured) {
        if (measured.isEmpty()) {
            throw new IllegalArgumentException("Auto needs at least one measured step");
        }
        QualityStep chosen = measured.stream().filter(Measured::smooth).findFirst()
                .map(Measured::step).orElse(measured.get(measured.size() - 1).step());
        return new AutoChoice(chosen, List.copyOf(measured));
    }

    /** Whether the chosen step itself measured smooth. */
    public boolean smooth() {
        return measured.stream().filter(m -> m.step().equals(chosen)).findFirst().map(Measured::smooth)
                .orElse(false);
    }

    /** For the log, {@code capture} and the window: what was chosen and the figures why. */
    public String sentence() {
        String tried = measured.stream().map(m -> m.step() + ": " + m.counts().figures())
                .collect(Collectors.joining("; "));
        String verdict = smooth()
                ? "the best this computer keeps smooth (at most " + (int) SMOOTH_PERCENT + " % dropped or repeated)"
                : "the lightest setting; even this one stutters here";
        return "Quality Auto chose " + chosen.spoken() + ", " + verdict + ". Measured " + tried + ".";
    }

    /** The step below the chosen one, if Auto has to step down while streaming. */
    public Optional<QualityStep> lower() {
        return chosen.lower();
    }
}
