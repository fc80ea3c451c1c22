package io.stereospot.server.convert;

import io.stereospot.server.testing.Frames.Rgb;

/**
 * The two views of one decoded half side-by-side frame, as luma, and the horizontal disparity between them by block
 * matching: for a block of the left view, the shift d (left x minus right x, subpixel by a parabola through the best
 * three costs) where the right view matches best. Positive = crossed = in front of the screen. Public for the app's
 * window test of the default local stream.
 */
public final class StereoHalves {

    static final int SEARCH_PX = 24;

    private final int widthPx;
    private final int heightPx;
    private final float[] left;
    private final float[] right;

    public StereoHalves(Rgb frame) {
        widthPx = frame.width() / 2;
        heightPx = frame.height();
        left = new float[widthPx * heightPx];
        right = new float[widthPx * heightPx];
        byte[] p = frame.pixels();
        for (int y = 0; y < heightPx; y++) {
            for (int x = 0; x < widthPx; x++) {
                left[y * widthPx + x] = luma(p, (y * frame.width() + x) * 3);
                right[y * widthPx + x] = luma(p, (y * frame.width() + widthPx + x) * 3);
            }
        }
    }

    public int widthPx() {
        return widthPx;
    }

    /** Disparity of the block at ({@code x}, {@code y}) of size {@code size}; the search stays inside the view. */
    public double disparityPx(int x, int y, int size) {
        double[] cost = new double[2 * SEARCH_PX + 1];
        int best = -1;
        for (int d = -SEARCH_PX; d <= SEARCH_PX; d++) {
            if (x - d < 0 || x - d + size > widthPx) {
                cost[d + SEARCH_PX] = Double.MAX_VALUE;
                continue;
            }
            double sum = 0;
            for (int yy = y; yy < y + size; yy++) {
                for (int xx = x; xx < x + size; xx++) {
                    sum += Math.abs(left[yy * widthPx + xx] - right[yy * widthPx + xx - d]);
                }
            }
            cost[d + SEARCH_PX] = sum;
            if (best < 0 || sum < cost[best]) {
                best = d + SEARCH_PX;
            }
        }
        if (best <= 0 || best >= cost.length - 1 || cost[best - 1] == Double.MAX_VALUE
                || cost[best + 1] == Double.MAX_VALUE) {
            return best - SEARCH_PX;
        }
        double a = cost[best - 1];
        double b = cost[best];
        double c = cost[best + 1];
        double denominator = a - 2 * b + c;
        return best - SEARCH_PX + (denominator > 0 ? 0.5 * (a - c) / denominator : 0);
    }

    /** The median disparity of the 16 px blocks whose top-left corners lie in the given area. */
    public double medianDisparityPx(int x0, int y0, int x1, int y1) {
        java.util.List<Double> found = new java.util.ArrayList<>();
        for (int y = y0; y + 16 <= y1; y += 8) {
            for (int x = x0; x + 16 <= x1; x += 8) {
                found.add(disparityPx(x, y, 16));
            }
        }
        java.util.Collections.sort(found);
        return found.get(found.size() / 2);
    }

    /** Mean |left − right| over columns [{@code x0}, {@code x1}) of all rows: 0 where the views agree exactly. */
    public double columnDifference(int x0, int x1) {
        double sum = 0;
        for (int y = 0; y < heightPx; y++) {
            for (int x = x0; x < x1; x++) {
                sum += Math.abs(left[y * widthPx + x] - right[y * widthPx + x]);
            }
        }
        return sum / (heightPx * (x1 - x0));
    }

    private static float luma(byte[] p, int i) {
        return 0.299f * (p[i] & 0xff) + 0.587f * (p[i + 1] & 0xff) + 0.114f * (p[i + 2] & 0xff);
    }
}
