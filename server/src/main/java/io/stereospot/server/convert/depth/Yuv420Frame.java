package io.stereospot.server.convert.depth;

/**
 * One decoded frame as yuv420p planes in one array: Y ({@code widthPx * heightPx}), then U and V (each a quarter of
 * that). The renderer works on these planes directly: the decoder and the encoder both speak yuv420p, so no colour
 * conversion happens at video size (only the estimator's small RGB copy is converted).
 */
public record Yuv420Frame(int widthPx, int heightPx, byte[] planes) {

    public Yuv420Frame {
        if (widthPx <= 0 || heightPx <= 0 || widthPx % 2 != 0 || heightPx % 2 != 0
                || planes.length != sizeBytes(widthPx, heightPx)) {
            throw new IllegalArgumentException("A yuv420p frame of " + widthPx + "x" + heightPx + " needs an even size"
                    + " and " + sizeBytes(widthPx, heightPx) + " bytes, not " + planes.length + ".");
        }
    }

    public static Yuv420Frame blank(int widthPx, int heightPx) {
        return new Yuv420Frame(widthPx, heightPx, new byte[sizeBytes(widthPx, heightPx)]);
    }

    public static int sizeBytes(int widthPx, int heightPx) {
        return widthPx * heightPx * 3 / 2;
    }

    public int uOffset() {
        return widthPx * heightPx;
    }

    public int vOffset() {
        return uOffset() + widthPx * heightPx / 4;
    }

    /**
     * A small RGB copy, {@code targetWidthPx} wide with the frame's aspect, by point sampling (the estimator only
     * needs the picture's layout, and box filtering here would cost more than the estimate itself).
     */
    public RgbFrame smallRgb(int targetWidthPx) {
        int w = Math.min(targetWidthPx, widthPx);
        int h = Math.max(1, (int) Math.round((double) heightPx * w / widthPx));
        byte[] rgb = new byte[w * h * 3];
        int u0 = uOffset();
        int v0 = vOffset();
        int cw = widthPx / 2;
        for (int y = 0; y < h; y++) {
            int sy = (int) ((y + 0.5) * heightPx / h);
            for (int x = 0; x < w; x++) {
                int sx = (int) ((x + 0.5) * widthPx / w);
                int luma = planes[sy * widthPx + sx] & 0xff;
                int ci = (sy / 2) * cw + sx / 2;
                int cb = (planes[u0 + ci] & 0xff) - 128;
                int cr = (planes[v0 + ci] & 0xff) - 128;
                int i = (y * w + x) * 3;
                // BT.601 without the limited-range stretch: a slightly flat RGB, which no depth cue here minds.
                rgb[i] = clamp(luma + 1.402 * cr);
                rgb[i + 1] = clamp(luma - 0.344 * cb - 0.714 * cr);
                rgb[i + 2] = clamp(luma + 1.772 * cb);
            }
        }
        return new RgbFrame(w, h, rgb);
    }

    private static byte clamp(double value) {
        return (byte) Math.max(0, Math.min(255, (int) Math.round(value)));
    }
}
