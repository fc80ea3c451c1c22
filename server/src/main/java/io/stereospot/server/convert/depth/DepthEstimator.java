package io.stereospot.server.convert.depth;

/**
 * Gives one video frame a depth map. Implementations: a model-free estimator (always available) and a monocular
 * depth model run through ONNX Runtime. The renderer normalises and smooths what they give, so an estimator only
 * has to say which pixels are nearer than which.
 */
public interface DepthEstimator extends AutoCloseable {

    /**
     * Relative depth of {@code frame}, larger = nearer (iw3's sense: inverse depth, or disparity), at whatever size
     * the estimator works at; the renderer scales it to the frame.
     */
    DepthMap estimate(RgbFrame frame);

    /**
     * The width of the frame the converter hands to {@link #estimate} (the height follows the video's aspect): the
     * converter makes a copy this small, so a model can ask for its input size and a cheap estimator for less.
     */
    default int inputWidthPx() {
        return 160;
    }

    /** What the user is told is making the depth, e.g. "approximate depth (no model)". */
    String describe();

    @Override
    default void close() {
    }
}
