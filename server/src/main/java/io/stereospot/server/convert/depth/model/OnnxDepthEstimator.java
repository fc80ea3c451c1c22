package io.stereospot.server.convert.depth.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.stereospot.server.convert.depth.DepthEstimator;
import io.stereospot.server.convert.depth.DepthMap;
import io.stereospot.server.convert.depth.RgbFrame;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Depth from a monocular depth model (Depth-Anything-V2-Small or any model with its interface) through ONNX
 * Runtime. The input and output names and shapes are read from the model: one float input [1, 3, H, W] (RGB,
 * ImageNet-normalised), one float output [1, H, W] or [1, 1, H, W] of relative disparity (larger = nearer). Fixed H
 * and W are used as the model says; dynamic ones take the working size.
 */
public final class OnnxDepthEstimator implements DepthEstimator {

    /** Vision transformers with 14-pixel patches (Depth-Anything) need multiples of this. */
    public static final int PATCH_PX = 14;

    private final OrtSession session;
    private final InputSize size;
    private final String description;

    private OnnxDepthEstimator(ModelSessions.Opened opened, InputSize size, Path modelFile) {
        this.session = opened.session();
        this.size = size;
        this.description = "depth model " + modelFile.getFileName() + " (" + size.widthPx() + "x" + size.heightPx()
                + ", " + opened.device() + ")";
    }

    /**
     * Opens {@code modelFile}, checks that it has a depth model's interface and runs one trial frame through it.
     *
     * @param workingSizePx the square input size for a model whose H and W are dynamic, rounded to a multiple of 14
     * @param threads intra-op threads, or 0 for ONNX Runtime's choice
     */
    public static OnnxDepthEstimator open(Path modelFile, int workingSizePx, int threads) throws DepthModelUnusable {
        ModelSessions.Opened opened;
        try {
            opened = ModelSessions.open(modelFile, threads);
        } catch (OrtException e) {
            throw notADepthModel("ONNX Runtime cannot read it (" + firstLine(e.getMessage()) + ")", e);
        } catch (RuntimeException | LinkageError e) {
            // Its native library did not load: a sentence rather than an Error that ends the conversion.
            throw new DepthModelUnusable(ModelSessions.doesNotStart(e), e);
        }
        OrtSession session = opened.session();
        try {
            long[] in = floatTensorShape(session.getInputInfo(), "input");
            if (in.length != 4 || in[1] != 3) {
                throw notADepthModel("its input is " + Arrays.toString(in) + ", not an image [1, 3, H, W]", null);
            }
            long[] out = floatTensorShape(session.getOutputInfo(), "output");
            if (out.length != 3 && out.length != 4) {
                throw notADepthModel("its output is " + Arrays.toString(out) + ", not a depth map [1, H, W]", null);
            }
            int size = Math.max(PATCH_PX, Math.round(workingSizePx / (float) PATCH_PX) * PATCH_PX);
            int heightPx = in[2] > 0 ? (int) in[2] : size;
            int widthPx = in[3] > 0 ? (int) in[3] : size;
            OnnxDepthEstimator estimator = new OnnxDepthEstimator(opened, new InputSize(widthPx, heightPx),
                    modelFile);
            estimator.trial();
            return estimator;
        } catch (OrtException | RuntimeException | DepthModelUnusable e) {
            closeQuietly(session);
            if (e instanceof DepthModelUnusable unusable) {
                throw unusable;
            }
            throw notADepthModel("a trial depth frame failed (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public DepthMap estimate(RgbFrame frame) {
        try {
            return run(frame);
        } catch (OrtException e) {
            throw new IllegalStateException("The depth model failed on a frame: " + firstLine(e.getMessage()), e);
        }
    }

    /** The size frames are resized to before the model sees them. */
    public InputSize inputSize() {
        return size;
    }

    /** A model's input size in pixels. */
    public record InputSize(int widthPx, int heightPx) {
    }

    private DepthMap run(RgbFrame frame) throws OrtException {
        FloatBuffer pixels = PixelValues.of(frame, size.widthPx(), size.heightPx());
        long[] shape4 = {1, 3, size.heightPx(), size.widthPx()};
        // The one input open() checked; its name varies between exports.
        String inputName = session.getInputNames().iterator().next();
        try (OnnxTensor input = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), pixels, shape4);
                OrtSession.Result result = session.run(Map.of(inputName, input))) {
            OnnxTensor output = (OnnxTensor) result.get(0);
            long[] shape = output.getInfo().getShape();
            int outH = (int) shape[shape.length - 2];
            int outW = (int) shape[shape.length - 1];
            FloatBuffer depth = output.getFloatBuffer();
            float[] values = new float[depth.remaining()];
            depth.get(values);
            return new DepthMap(outW, outH, values);
        }
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    /** One frame with a gradient and a bright square, so a model that cannot run, or gives NaN, is caught now. */
    private void trial() throws OrtException, DepthModelUnusable {
        int w = 64;
        int h = 48;
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < w * h; i++) {
            int x = i % w;
            int y = i / w;
            int value = x > 20 && x < 44 && y > 12 && y < 36 ? 230 : 40 + x;
            Arrays.fill(rgb, i * 3, i * 3 + 3, (byte) value);
        }
        DepthMap map = run(new RgbFrame(w, h, rgb));
        for (float value : map.values()) {
            if (!Float.isFinite(value)) {
                throw notADepthModel("a trial depth frame came out with values that are not numbers", null);
            }
        }
    }

    private static long[] floatTensorShape(Map<String, NodeInfo> nodes, String what) throws DepthModelUnusable {
        if (nodes.size() != 1) {
            throw notADepthModel("it has " + nodes.size() + " " + what + "s " + nodes.keySet() + ", not one", null);
        }
        NodeInfo node = nodes.values().iterator().next();
        if (!(node.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT) {
            throw notADepthModel("its " + what + " " + node.getName() + " is not a float tensor", null);
        }
        return tensor.getShape();
    }

    private static DepthModelUnusable notADepthModel(String why, Throwable cause) {
        return new DepthModelUnusable("This file is not a depth model StereoSpot can use: " + why + ".", cause);
    }

    private static String firstLine(String message) {
        String text = message == null ? "no detail" : message.strip();
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // Nothing to do with a session that will not close; the process keeps going.
        }
    }
}
