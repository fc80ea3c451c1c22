package io.stereospot.server.convert.depth;

/** One decoded frame, packed RGB24, row after row, {@code widthPx * heightPx * 3} bytes. */
public record RgbFrame(int widthPx, int heightPx, byte[] rgb) {

    public RgbFrame {
        if (widthPx <= 0 || heightPx <= 0 || rgb.length != widthPx * heightPx * 3) {
            throw new IllegalArgumentException("An RGB frame of " + widthPx + "x" + heightPx + " needs "
                    + (long) widthPx * heightPx * 3 + " bytes, not " + rgb.length + ".");
        }
    }
}
