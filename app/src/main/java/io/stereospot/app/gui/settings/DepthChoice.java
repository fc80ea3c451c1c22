package io.stereospot.app.gui.settings;

/**
 * How the window's local server makes 3D (issue 24).
 *
 * @param on              3D depth; off = flat side by side (the {@code sbs} converter: "3D off")
 * @param strengthPercent the divergence, % of the width of one view (iw3's unit), {@link #MAX_STRENGTH_PERCENT} at most
 *                        in the window
 * @param convergence     the depth (0 far – 1 near) that lands on the screen plane
 * @param modelFile       a depth model (ONNX) the user already has; empty = the public model, downloaded once
 */
public record DepthChoice(boolean on, double strengthPercent, double convergence, String modelFile) {

    /** The server's defaults ({@code DepthSettings}), repeated because settings know nothing of the server. */
    public static final double DEFAULT_STRENGTH_PERCENT = 2.0;
    public static final double DEFAULT_CONVERGENCE = 0.5;
    /** The window offers 0–5 %: more than 5 % of the width strains the eyes on any screen. */
    public static final double MAX_STRENGTH_PERCENT = 5.0;

    public DepthChoice {
        modelFile = modelFile == null ? "" : modelFile.strip();
        if (!(strengthPercent >= 0 && strengthPercent <= MAX_STRENGTH_PERCENT)) {
            throw new IllegalArgumentException("The depth strength must be between 0 and 5 %, not " + strengthPercent
                    + ".");
        }
        if (!(convergence >= 0 && convergence <= 1)) {
            throw new IllegalArgumentException("The convergence must be between 0 and 1, not " + convergence + ".");
        }
    }

    /** 3D on, strength 2 %, convergence 0.5, the public model. */
    public static DepthChoice defaults() {
        return new DepthChoice(true, DEFAULT_STRENGTH_PERCENT, DEFAULT_CONVERGENCE, "");
    }
}
