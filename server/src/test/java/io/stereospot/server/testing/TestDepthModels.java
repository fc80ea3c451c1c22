package io.stereospot.server.testing;

import java.nio.file.Path;
import java.util.List;

/**
 * Depth models the tests make themselves, with the published Depth-Anything-V2-Small's interface: input
 * {@code pixel_values} float [1, 3, H, W], output {@code predicted_depth} float [1, H, W]. What they compute is
 * known: a 1x1 convolution that keeps only the (normalised) red channel, averaged over its one output channel, so
 * red pixels come out near and black ones far.
 */
public final class TestDepthModels {

    private TestDepthModels() {
    }

    /** The red-reading depth model with dynamic H and W. */
    public static Path redIsNear(Path file) {
        return redIsNear(file, "height", "width");
    }

    /** The red-reading depth model with H and W fixed at {@code sizePx}. */
    public static Path redIsNear(Path file, long sizePx) {
        return redIsNear(file, sizePx, sizePx);
    }

    private static Path redIsNear(Path file, Object height, Object width) {
        return new OnnxGraph()
                .input("pixel_values", 1L, 3L, height, width)
                .output("predicted_depth", 1L, height, width)
                .floats("red_only", new float[] {1f, 0f, 0f}, 1, 3, 1, 1)
                .node("Conv", List.of("pixel_values", "red_only"), List.of("red"))
                .node("ReduceMean", List.of("red"), List.of("predicted_depth"), OnnxGraph.ints("axes", 1),
                        OnnxGraph.integer("keepdims", 0))
                .write(file, 13);
    }

    /** A valid ONNX model that is not a depth model: a float vector of 10 in, its Relu out. */
    public static Path notADepthModel(Path file) {
        return new OnnxGraph()
                .input("x", 1L, 10L)
                .output("y", 1L, 10L)
                .node("Relu", List.of("x"), List.of("y"))
                .write(file, 13);
    }
}
