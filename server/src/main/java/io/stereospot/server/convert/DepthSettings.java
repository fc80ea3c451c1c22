package io.stereospot.server.convert;

import java.nio.file.Path;

/**
 * How the {@code depth} converter renders, in iw3's units.
 *
 * @param strengthPercent the divergence: total disparity from far to near, in % of the width of one view
 * @param convergence     the depth (0 far – 1 near) that lands on the screen plane
 * @param modelFile       a depth model (ONNX) the user gave with {@code --depth-model}, or null for the default
 */
public record DepthSettings(double strengthPercent, double convergence, Path modelFile) {

    /**
     * 2 %, iw3's command-line default rather than iw3.desktop's 1 %: the segments are watched on an SBS screen or a
     * headset at a distance, like iw3's video output, where 1 % (±0.5 % around the screen) reads as nearly flat;
     * desktop text stays readable because only the approximate depth's gentle ramps move it.
     */
    public static final double DEFAULT_STRENGTH_PERCENT = 2.0;
    /** Half way, iw3's default: the middle of the depth range on the screen, near things out, far ones in. */
    public static final double DEFAULT_CONVERGENCE = 0.5;
    static final double MAX_STRENGTH_PERCENT = 10.0;

    public DepthSettings {
        if (!(strengthPercent >= 0 && strengthPercent <= MAX_STRENGTH_PERCENT)) {
            throw new IllegalArgumentException("The depth strength must be between 0 and " + (int) MAX_STRENGTH_PERCENT
                    + " % of the width (e.g. 2), not " + strengthPercent + ".");
        }
        if (!(convergence >= 0 && convergence <= 1)) {
            throw new IllegalArgumentException("The depth convergence must be between 0 (all in front of the screen)"
                    + " and 1 (all behind it), not " + convergence + ".");
        }
    }

    public static DepthSettings defaults() {
        return new DepthSettings(DEFAULT_STRENGTH_PERCENT, DEFAULT_CONVERGENCE, null);
    }
}
