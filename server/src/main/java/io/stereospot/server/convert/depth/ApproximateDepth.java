package io.stereospot.server.convert.depth;

/**
 * Depth without a model: a guess from where things are and how they look, on a small luma copy of the frame (160 px
 * wide by default), in well under a millisecond. It cannot know the scene; it gives the parallax that the usual
 * layout of a picture implies, and never a constant map. The cues, each from 0 (far) to 1 (near):
 * <ul>
 *   <li><b>Height in the frame</b> (weight 0.55): lower is nearer. In photographs and video the ground runs from
 *       the bottom of the frame to the horizon (iw3's "ground plane" prior), and on a desktop the taskbar and the
 *       lower part of windows are read as the nearer edge of a surface seen from above.</li>
 *   <li><b>Local detail</b> (weight 0.35): the local mean of the luma gradient, blurred so it covers areas rather
 *       than edges. In focus and close, things show more texture; far things lose it to distance, haze and the
 *       lens (a cue in the spirit of aerial perspective). On a desktop, text and window content stand out from a
 *       plain wallpaper, which then sits behind them. It is normalised by the frame's own 95th percentile, so a
 *       busy or a quiet screen both span the range.</li>
 *   <li><b>Centre</b> (weight 0.10): the subject tends to be framed near the middle; a weak bump that keeps a
 *       frame without detail from being only a ramp.</li>
 * </ul>
 * The result is blurred once more (a 5 px box at 160 px), because the renderer warps by it: a noisy map would
 * shimmer, and a smooth one only softens the depth at object edges. Saturation was tried as the aerial-perspective
 * cue and left out: on desktop content colour says nothing about distance.
 */
public final class ApproximateDepth implements DepthEstimator {

    static final int DEFAULT_WIDTH_PX = 160;
    private static final float HEIGHT_WEIGHT = 0.55f;
    private static final float DETAIL_WEIGHT = 0.35f;
    private static final float CENTRE_WEIGHT = 0.10f;
    private static final int DETAIL_RADIUS_PX = 3;
    private static final int SMOOTH_RADIUS_PX = 2;

    @Override
    public DepthMap estimate(RgbFrame frame) {
        int w = frame.widthPx();
        int h = frame.heightPx();
        float[] luma = luma(frame);
        float[] detail = BoxBlur.blur(gradient(luma, w, h), w, h, DETAIL_RADIUS_PX);
        float detailScale = Math.max(1f, Percentiles.of(detail, 0.95f));
        float[] depth = new float[w * h];
        float[] across = centreProfile(w);
        float[] down = centreProfile(h);
        for (int y = 0; y < h; y++) {
            float height = h == 1 ? 0.5f : (float) y / (h - 1);
            for (int x = 0; x < w; x++) {
                float centre = across[x] * down[y];
                int i = y * w + x;
                float near = Math.min(1f, detail[i] / detailScale);
                depth[i] = HEIGHT_WEIGHT * height + DETAIL_WEIGHT * near + CENTRE_WEIGHT * centre;
            }
        }
        return new DepthMap(w, h, BoxBlur.blur(depth, w, h, SMOOTH_RADIUS_PX));
    }

    @Override
    public int inputWidthPx() {
        return DEFAULT_WIDTH_PX;
    }

    @Override
    public String describe() {
        return "approximate depth (no model)";
    }

    /** One axis of a Gaussian bump (the 2-D one is the product of two). */
    private static float[] centreProfile(int n) {
        float[] profile = new float[n];
        for (int i = 0; i < n; i++) {
            float d = (i + 0.5f) / n - 0.5f;
            profile[i] = (float) Math.exp(-d * d / 0.08f);
        }
        return profile;
    }

    private static float[] luma(RgbFrame frame) {
        byte[] rgb = frame.rgb();
        float[] luma = new float[frame.widthPx() * frame.heightPx()];
        for (int i = 0; i < luma.length; i++) {
            luma[i] = 0.299f * (rgb[3 * i] & 0xff) + 0.587f * (rgb[3 * i + 1] & 0xff) + 0.114f * (rgb[3 * i + 2] & 0xff);
        }
        return luma;
    }

    private static float[] gradient(float[] luma, int w, int h) {
        float[] g = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                float gx = x + 1 < w ? Math.abs(luma[i + 1] - luma[i]) : 0f;
                float gy = y + 1 < h ? Math.abs(luma[i + w] - luma[i]) : 0f;
                g[i] = gx + gy;
            }
        }
        return g;
    }
}
