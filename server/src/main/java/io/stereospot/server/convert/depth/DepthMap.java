package io.stereospot.server.convert.depth;

/** Relative depth, larger = nearer, row after row, {@code widthPx * heightPx} values; not yet normalised. */
public record DepthMap(int widthPx, int heightPx, float[] values) {

    public DepthMap {
        if (widthPx <= 0 || heightPx <= 0 || values.length != widthPx * heightPx) {
            throw new IllegalArgumentException("A depth map of " + widthPx + "x" + heightPx + " needs "
                    + widthPx * heightPx + " values, not " + values.length + ".");
        }
    }

    public float at(int xPx, int yPx) {
        return values[yPx * widthPx + xPx];
    }
}
