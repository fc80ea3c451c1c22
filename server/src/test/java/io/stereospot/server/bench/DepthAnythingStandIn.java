package io.stereospot.server.bench;

import com.google.protobuf.ByteString;
import io.stereospot.server.testing.OnnxGraph;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Depth-Anything-V2-Small's network with random weights, as an ONNX model at a fixed square input size, for timing
 * only (its depth is meaningless). Encoder: DINOv2 ViT-S/14 (patch embedding, class token, position embedding, 12
 * pre-norm blocks of 6-head self-attention and a 1536-wide GELU MLP, layer scale). Decoder: the DPT head as
 * Depth-Anything-V2 configures it for ViT-S (taps after blocks 3, 6, 9, 12; projections to 48/96/192/384 channels,
 * resampled to 4x, 2x, 1x, 1/2x; 64-feature fusion blocks with residual conv units and bilinear upsampling; the
 * 64-32-32-1 output head at the input size). The input is {@code pixel_values} [1, 3, S, S], the output
 * {@code predicted_depth} [1, S, S], as in the published export.
 */
final class DepthAnythingStandIn {

    private static final int DIM = 384;
    private static final int HEADS = 6;
    private static final int HEAD_DIM = 64;
    private static final int MLP = 1536;
    private static final int BLOCKS = 12;
    private static final int PATCH = 14;
    private static final int FEATURES = 64;
    private static final List<Integer> TAPS = List.of(2, 5, 8, 11);
    private static final int[] OUT_CHANNELS = {48, 96, 192, 384};

    /** The model file, its parameters and its multiply-adds per frame (convolutions and matrix products). */
    record Built(Path file, long parameters, long multiplyAdds) {
    }

    private final OnnxGraph graph = new OnnxGraph();
    private final Random random = new Random(24);
    private long parameters;
    private long multiplyAdds;
    private int names;

    private DepthAnythingStandIn() {
    }

    static Built write(int sizePx, Path file) {
        DepthAnythingStandIn net = new DepthAnythingStandIn();
        net.build(sizePx);
        net.graph.write(file, 17);
        return new Built(file, net.parameters, net.multiplyAdds);
    }

    private void build(int sizePx) {
        int grid = sizePx / PATCH;
        int tokens = grid * grid + 1;
        graph.input("pixel_values", 1L, 3L, (long) sizePx, (long) sizePx);
        graph.output("predicted_depth", 1L, (long) sizePx, (long) sizePx);
        String x = conv("pixel_values", 3, DIM, PATCH, PATCH, 0, grid);
        x = op("Transpose", List.of(op("Reshape", List.of(x, shape(1, DIM, grid * grid)))), OnnxGraph.ints("perm",
                0, 2, 1));
        x = op("Concat", List.of(random(DIM, 1, 1, DIM), x), OnnxGraph.integer("axis", 1));
        x = op("Add", List.of(x, random(DIM, 1, tokens, DIM)));
        String normScale = filled(1f, DIM);
        String normBias = filled(0f, DIM);
        List<String> taps = new ArrayList<>();
        for (int block = 0; block < BLOCKS; block++) {
            x = block(x, tokens);
            if (TAPS.contains(block)) {
                String tap = op("LayerNormalization", List.of(x, normScale, normBias), OnnxGraph.integer("axis", -1),
                        OnnxGraph.real("epsilon", 1e-6f));
                tap = op("Slice", List.of(tap, shape(1), shape(tokens), shape(1)));
                tap = op("Transpose", List.of(tap), OnnxGraph.ints("perm", 0, 2, 1));
                taps.add(op("Reshape", List.of(tap, shape(1, DIM, grid, grid))));
            }
        }
        head(taps, grid, sizePx);
    }

    private String block(String x, int tokens) {
        String h = layerNorm(x);
        String q = heads(linear(h, tokens, DIM, DIM), tokens, 0, 2, 1, 3);
        String k = heads(linear(h, tokens, DIM, DIM), tokens, 0, 2, 3, 1);
        String v = heads(linear(h, tokens, DIM, DIM), tokens, 0, 2, 1, 3);
        multiplyAdds += 2L * HEADS * tokens * tokens * HEAD_DIM;
        String scores = op("Mul", List.of(op("MatMul", List.of(q, k)), constant(1f / (float) Math.sqrt(HEAD_DIM))));
        String context = op("MatMul", List.of(op("Softmax", List.of(scores), OnnxGraph.integer("axis", -1)), v));
        context = op("Transpose", List.of(context), OnnxGraph.ints("perm", 0, 2, 1, 3));
        context = op("Reshape", List.of(context, shape(1, tokens, DIM)));
        String attention = op("Mul", List.of(linear(context, tokens, DIM, DIM), filled(1f, DIM)));
        x = op("Add", List.of(x, attention));
        String m = gelu(linear(layerNorm(x), tokens, DIM, MLP));
        m = op("Mul", List.of(linear(m, tokens, MLP, DIM), filled(1f, DIM)));
        return op("Add", List.of(x, m));
    }

    private void head(List<String> taps, int grid, int sizePx) {
        int[] sides = {4 * grid, 2 * grid, grid, (grid + 1) / 2};
        List<String> levels = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String f = conv(taps.get(i), DIM, OUT_CHANNELS[i], 1, 1, 0, grid);
            if (i < 2) {
                f = upConv(f, OUT_CHANNELS[i], 4 / (i + 1), grid);
            } else if (i == 3) {
                f = conv(f, DIM, DIM, 3, 2, 1, sides[3]);
            }
            levels.add(conv(f, OUT_CHANNELS[i], FEATURES, 3, 1, 1, sides[i]));
        }
        String path = fusion(null, levels.get(3), sides[3], sides[2]);
        path = fusion(path, levels.get(2), sides[2], sides[1]);
        path = fusion(path, levels.get(1), sides[1], sides[0]);
        path = fusion(path, levels.get(0), sides[0], 2 * sides[0]);
        String h = conv(path, FEATURES, FEATURES / 2, 3, 1, 1, 2 * sides[0]);
        h = op("Resize", List.of(h, "", "", shape(1, FEATURES / 2, sizePx, sizePx)),
                OnnxGraph.text("mode", "linear"), OnnxGraph.text("coordinate_transformation_mode", "align_corners"));
        h = relu(conv(h, FEATURES / 2, FEATURES / 2, 3, 1, 1, sizePx));
        h = relu(conv(h, FEATURES / 2, 1, 1, 1, 0, sizePx));
        graph.node("Reshape", List.of(h, shape(1, sizePx, sizePx)), List.of("predicted_depth"));
    }

    /** A DPT feature fusion block: previous path + a residual unit on this level, another unit, upsample, 1x1. */
    private String fusion(String previous, String level, int side, int outSide) {
        String x = previous == null ? level : op("Add", List.of(previous, residualUnit(level, side)));
        x = residualUnit(x, side);
        x = op("Resize", List.of(x, "", "", shape(1, FEATURES, outSide, outSide)), OnnxGraph.text("mode", "linear"),
                OnnxGraph.text("coordinate_transformation_mode", "align_corners"));
        return conv(x, FEATURES, FEATURES, 1, 1, 0, outSide);
    }

    private String residualUnit(String x, int side) {
        String r = conv(relu(x), FEATURES, FEATURES, 3, 1, 1, side);
        r = conv(relu(r), FEATURES, FEATURES, 3, 1, 1, side);
        return op("Add", List.of(r, x));
    }

    private String heads(String x, int tokens, long... perm) {
        return op("Transpose", List.of(op("Reshape", List.of(x, shape(1, tokens, HEADS, HEAD_DIM)))),
                OnnxGraph.ints("perm", perm));
    }

    private String linear(String x, int tokens, int in, int out) {
        multiplyAdds += (long) tokens * in * out;
        return op("Add", List.of(op("MatMul", List.of(x, random(in, in, out))), random(in, out)));
    }

    private String conv(String x, int in, int out, int kernel, int stride, int pad, int outSide) {
        multiplyAdds += (long) outSide * outSide * out * in * kernel * kernel;
        return op("Conv", List.of(x, random(in * kernel * kernel, out, in, kernel, kernel), random(in, out)),
                OnnxGraph.ints("kernel_shape", kernel, kernel), OnnxGraph.ints("strides", stride, stride),
                OnnxGraph.ints("pads", pad, pad, pad, pad));
    }

    private String upConv(String x, int channels, int factor, int inSide) {
        multiplyAdds += (long) inSide * inSide * channels * channels * factor * factor;
        return op("ConvTranspose", List.of(x, random(channels, channels, channels, factor, factor),
                random(channels, channels)), OnnxGraph.ints("kernel_shape", factor, factor),
                OnnxGraph.ints("strides", factor, factor));
    }

    private String layerNorm(String x) {
        return op("LayerNormalization", List.of(x, filled(1f, DIM), filled(0f, DIM)), OnnxGraph.integer("axis", -1),
                OnnxGraph.real("epsilon", 1e-6f));
    }

    /** GELU written with Erf, as PyTorch exports it (ONNX Runtime fuses it back). */
    private String gelu(String x) {
        String erf = op("Erf", List.of(op("Div", List.of(x, constant((float) Math.sqrt(2))))));
        return op("Mul", List.of(op("Mul", List.of(x, op("Add", List.of(erf, constant(1f))))), constant(0.5f)));
    }

    private String relu(String x) {
        return op("Relu", List.of(x));
    }

    private String op(String type, List<String> in, ByteString... attributes) {
        String out = "t" + names++;
        graph.node(type, in, List.of(out), attributes);
        return out;
    }

    /** Weights drawn with a standard deviation of 1/sqrt(fan-in), so activations stay near 1 through the stack. */
    private String random(int fanIn, long... dims) {
        float[] values = new float[(int) Arrays.stream(dims).reduce(1, (a, b) -> a * b)];
        float std = (float) (1 / Math.sqrt(fanIn));
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian() * std;
        }
        return parameters(values, dims);
    }

    private String filled(float value, long... dims) {
        float[] values = new float[(int) Arrays.stream(dims).reduce(1, (a, b) -> a * b)];
        Arrays.fill(values, value);
        return parameters(values, dims);
    }

    private String parameters(float[] values, long... dims) {
        String name = "w" + names++;
        parameters += values.length;
        graph.floats(name, values, dims);
        return name;
    }

    private String constant(float value) {
        String name = "c" + names++;
        graph.floats(name, new float[] {value});
        return name;
    }

    private String shape(long... values) {
        String name = "s" + names++;
        graph.int64s(name, values);
        return name;
    }
}
