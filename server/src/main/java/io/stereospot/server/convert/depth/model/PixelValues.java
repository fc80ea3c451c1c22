package io.stereospot.server.convert.depth.model;

import io.stereospot.server.convert.depth.RgbFrame;
import java.nio.FloatBuffer;

/**
 * A frame as a depth model's input: resized (bilinear) to the model's size, planar RGB, each channel normalised
 * with ImageNet's mean and standard deviation as Depth-Anything-V2 was trained.
 */
final class PixelValues {

    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    private PixelValues() {
    }

    /** {@code [1, 3, heightPx, widthPx]} values, channel after channel. */
    static FloatBuffer of(RgbFrame frame, int widthPx, int heightPx) {
        FloatBuffer out = FloatBuffer.allocate(3 * widthPx * heightPx);
        float[] scaleTo = new float[3];
        float[] offset = new float[3];
        for (int c = 0; c < 3; c++) {
            scaleTo[c] = 1f / (255f * STD[c]);
            offset[c] = MEAN[c] / STD[c];
        }
        int plane = widthPx * heightPx;
        float[] values = out.array();
        byte[] rgb = frame.rgb();
        int srcW = frame.widthPx();
        int srcH = frame.heightPx();
        for (int y = 0; y < heightPx; y++) {
            float sy = Math.max(0f, (y + 0.5f) * srcH / heightPx - 0.5f);
            int y0 = Math.min((int) sy, srcH - 1);
            int y1 = Math.min(y0 + 1, srcH - 1);
            float fy = sy - y0;
            for (int x = 0; x < widthPx; x++) {
                float sx = Math.max(0f, (x + 0.5f) * srcW / widthPx - 0.5f);
                int x0 = Math.min((int) sx, srcW - 1);
                int x1 = Math.min(x0 + 1, srcW - 1);
                float fx = sx - x0;
                int p00 = (y0 * srcW + x0) * 3;
                int p01 = (y0 * srcW + x1) * 3;
                int p10 = (y1 * srcW + x0) * 3;
                int p11 = (y1 * srcW + x1) * 3;
                int at = y * widthPx + x;
                for (int c = 0; c < 3; c++) {
                    float top = (rgb[p00 + c] & 0xff) * (1 - fx) + (rgb[p01 + c] & 0xff) * fx;
                    float bottom = (rgb[p10 + c] & 0xff) * (1 - fx) + (rgb[p11 + c] & 0xff) * fx;
                    float value = top * (1 - fy) + bottom * fy;
                    values[c * plane + at] = value * scaleTo[c] - offset[c];
                }
            }
        }
        return out;
    }
}
