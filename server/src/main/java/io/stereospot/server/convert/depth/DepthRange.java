package io.stereospot.server.convert.depth;

/**
 * Normalises depth maps to 0 (far) – 1 (near) with a range smoothed over time, one per stream session, so depth
 * neither pumps (the range following every frame's extremes) nor restarts where one chunk joins the next.
 *
 * <p>The range is the 2nd and 98th percentile of each map (robust to a few stray pixels), followed by an exponential
 * moving average with {@link #DECAY} 0.9 per depth frame, iw3's upper setting: a new scene settles in about 20 depth
 * frames, under a second. Between depth frames (when the estimator is slower than the video) the last normalised map
 * is held, so the picture's depth changes only when a new map arrives, and then by the small step the EMA allows.
 */
public final class DepthRange {

    static final float DECAY = 0.9f;
    private static final float LOW = 0.02f;
    private static final float HIGH = 0.98f;
    /** Below this spread the map is treated as flat: no depth is better than amplified noise. */
    private static final float MIN_SPREAD = 1e-4f;

    private float near = Float.NaN;
    private float far = Float.NaN;
    private float[] held;
    private int heldWidthPx;
    private int heldHeightPx;

    /** Folds {@code map}'s range into the average and returns it normalised with the averaged range. */
    public synchronized DepthMap normalise(DepthMap map) {
        Percentiles percentiles = new Percentiles(map.values());
        float low = percentiles.at(LOW);
        float high = percentiles.at(HIGH);
        if (Float.isNaN(near)) {
            far = low;
            near = high;
        } else {
            far = DECAY * far + (1 - DECAY) * low;
            near = DECAY * near + (1 - DECAY) * high;
        }
        float spread = near - far;
        float[] out = new float[map.values().length];
        if (spread > MIN_SPREAD) {
            float[] values = map.values();
            for (int i = 0; i < out.length; i++) {
                out[i] = Math.max(0f, Math.min(1f, (values[i] - far) / spread));
            }
        }
        held = out;
        heldWidthPx = map.widthPx();
        heldHeightPx = map.heightPx();
        return new DepthMap(heldWidthPx, heldHeightPx, out);
    }

    /** The last normalised map, for the frames between two depth frames; null before the first. */
    public synchronized DepthMap held() {
        return held == null ? null : new DepthMap(heldWidthPx, heldHeightPx, held);
    }
}
