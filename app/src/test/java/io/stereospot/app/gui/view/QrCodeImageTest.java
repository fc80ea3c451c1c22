package io.stereospot.app.gui.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.Map;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * The window's QR image: ZXing's own decoder reads back what was drawn (zbarimg, independent, reads it off the
 * screen in WatchQrCodeWindowTest), in whole pixels a module and with its white quiet zone.
 */
class QrCodeImageTest {

    private static final String LAN_URL = "http://192.168.1.20:8470/watch/dc81e57f-62a8-4d0b-ac94-7e4c5cd97851";

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void decodesBackToTheUrl() throws Exception {
        assertThat(decode(QrCodeImage.of(LAN_URL, WatchQrCode.SIZE_PX))).isEqualTo(LAN_URL);
        String ipv6 = "https://[fd00:1234:5678::abcd]:9443/watch/dc81e57f-62a8-4d0b-ac94-7e4c5cd97851";
        assertThat(decode(QrCodeImage.of(ipv6, WatchQrCode.SIZE_PX))).isEqualTo(ipv6);
    }

    @Test
    void aSessionUrlIsDrawnAtFivePixelsAModuleWithinTheSize() {
        WritableImage image = QrCodeImage.of(LAN_URL, WatchQrCode.SIZE_PX);
        int side = (int) image.getWidth();
        assertThat(image.getHeight()).isEqualTo(side);
        // 67 characters at error correction M: version 5, 37 modules, and the quiet zone: 45 modules of 5 px.
        assertThat(side).isEqualTo(45 * 5).isLessThanOrEqualTo(WatchQrCode.SIZE_PX);
        PixelReader pixels = image.getPixelReader();
        int quietPx = QrCodeImage.QUIET_ZONE_MODULES * 5;
        for (int i = 0; i < side; i++) {
            for (int edge = 0; edge < quietPx; edge++) {
                assertThat(pixels.getArgb(i, edge)).as("top quiet zone at %d,%d", i, edge).isEqualTo(0xFFFFFFFF);
                assertThat(pixels.getArgb(edge, i)).as("left quiet zone").isEqualTo(0xFFFFFFFF);
                assertThat(pixels.getArgb(i, side - 1 - edge)).as("bottom quiet zone").isEqualTo(0xFFFFFFFF);
                assertThat(pixels.getArgb(side - 1 - edge, i)).as("right quiet zone").isEqualTo(0xFFFFFFFF);
            }
        }
        // The finder pattern's corner starts right inside the quiet zone, one module (5 px) of black.
        for (int d = 0; d < 5; d++) {
            assertThat(pixels.getArgb(quietPx + d, quietPx)).isEqualTo(0xFF000000);
        }
        assertThat(pixels.getArgb(quietPx + 5, quietPx + 5)).as("the finder's white ring").isEqualTo(0xFFFFFFFF);
    }

    @Test
    void aTinySizeStillGivesOnePixelAModule() {
        assertThat(QrCodeImage.of(LAN_URL, 10).getWidth()).isEqualTo(45);
    }

    private static String decode(WritableImage image) throws Exception {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] argb = new int[width * height];
        image.getPixelReader().getPixels(0, 0, width, height,
                PixelFormat.getIntArgbInstance(), argb, 0, width);
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, argb)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.FALSE)).getText();
    }
}
