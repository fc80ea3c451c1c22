package io.stereospot.server.convert.depth;

/**
 * Quantiles of a small map from a histogram of 1024 bins between its minimum and maximum: exact to a thousandth of
 * the range, which is far finer than depth needs, and linear in the map's size (sorting it cost 2 ms a frame).
 */
final class Percentiles {

    private static final int BINS = 1024;

    private final float min;
    private final float binWidth;
    private final int[] cumulative = new int[BINS];
    private final int count;

    Percentiles(float[] values) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        min = lo;
        binWidth = hi > lo ? (hi - lo) / BINS : 0f;
        count = values.length;
        if (binWidth > 0f) {
            for (float v : values) {
                cumulative[Math.min(BINS - 1, (int) ((v - lo) / binWidth))]++;
            }
            for (int i = 1; i < BINS; i++) {
                cumulative[i] += cumulative[i - 1];
            }
        }
    }

    static float of(float[] values, float fraction) {
        return new Percentiles(values).at(fraction);
    }

    /** The value below which {@code fraction} of the map lies (the upper edge of its bin). */
    float at(float fraction) {
        if (binWidth == 0f) {
            return min;
        }
        int wanted = Math.max(1, (int) Math.ceil(fraction * count));
        int bin = 0;
        while (cumulative[bin] < wanted) {
            bin++;
        }
        return min + (bin + 1) * binWidth;
    }
}
