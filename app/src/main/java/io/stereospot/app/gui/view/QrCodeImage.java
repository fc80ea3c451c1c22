package io.stereospot.app.gui.view;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.Map;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * A QR code as a JavaFX image, drawn from ZXing's module matrix: every module a square of whole pixels (no
 * resampling blur for a camera to fight) and the four-module white quiet zone around it that scanners need.
 */
final class QrCodeImage {

    static final int QUIET_ZONE_MODULES = 4;
    private static final int BLACK = 0xFF000000;
    private static final int WHITE = 0xFFFFFFFF;

    private QrCodeImage() {
    }

    /**
     * {@code text} as a QR code of at most about {@code sizePx} square (never below one pixel a module), with error
     * correction M: a headset's camera across a desk sees glare and moiré on a laptop screen.
     */
    static WritableImage of(String text, int sizePx) {
        BitMatrix modules;
        try {
            // Width and height 0: the matrix at one pixel a module, quiet zone included; scaled here, evenly.
            modules = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.MARGIN, QUIET_ZONE_MODULES,
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException e) {
            throw new IllegalArgumentException("Too long for a QR code: " + text.length() + " characters", e);
        }
        int count = modules.getWidth();
        int scale = Math.max(1, sizePx / count);
        int side = count * scale;
        WritableImage image = new WritableImage(side, side);
        int[] row = new int[side];
        for (int y = 0; y < count; y++) {
            for (int x = 0; x < count; x++) {
                Arrays.fill(row, x * scale, (x + 1) * scale, modules.get(x, y) ? BLACK : WHITE);
            }
            for (int line = 0; line < scale; line++) {
                image.getPixelWriter().setPixels(0, y * scale + line, side, 1, PixelFormat.getIntArgbInstance(),
                        IntBuffer.wrap(row), side);
            }
        }
        return image;
    }
}
