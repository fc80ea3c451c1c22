package io.stereospot.server.convert.depth;

/** A separable box blur with clamped edges, for the small depth-sized maps (running sums: cost independent of radius). */
final class BoxBlur {

    private BoxBlur() {
    }

    static float[] blur(float[] values, int w, int h, int radiusPx) {
        float[] across = new float[values.length];
        for (int y = 0; y < h; y++) {
            pass(values, across, y * w, 1, w, radiusPx);
        }
        float[] out = new float[values.length];
        for (int x = 0; x < w; x++) {
            pass(across, out, x, w, h, radiusPx);
        }
        return out;
    }

    private static void pass(float[] in, float[] out, int start, int step, int n, int r) {
        float sum = 0f;
        for (int k = -r; k <= r; k++) {
            sum += in[start + step * clamp(k, n)];
        }
        float scale = 1f / (2 * r + 1);
        for (int i = 0; i < n; i++) {
            out[start + step * i] = sum * scale;
            sum += in[start + step * clamp(i + r + 1, n)] - in[start + step * clamp(i - r, n)];
        }
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : (i >= n ? n - 1 : i);
    }
}
