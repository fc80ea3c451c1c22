package io.stereospot.app.gui.view;

import io.stereospot.app.gui.model.MainViewModel;
import io.stereospot.app.gui.model.StatusTexts;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;

/**
 * The watch page's QR code, so that a headset or phone opens the page by looking at this screen, and a line under it
 * saying who can open it. Shown while there is a watch URL (from the session on, until the next Start).
 */
final class WatchQrCode extends VBox {

    /**
     * About 5 px a module for a session URL (37 modules and the quiet zone at error correction M): large enough for
     * a headset's passthrough camera across a desk, small enough to stay beside the URL rows.
     */
    static final int SIZE_PX = 232;

    WatchQrCode(MainViewModel model) {
        setId("watch-qr-box");
        getStyleClass().add("watch-qr");
        setSpacing(6);
        setAlignment(Pos.TOP_CENTER);
        ImageView code = new ImageView();
        code.setId("watch-qr");
        // Whole pixels a module, drawn 1:1: smoothing would blur the edges a scanner looks for.
        code.setSmooth(false);
        Label caption = new Label();
        caption.setId("watch-qr-caption");
        caption.getStyleClass().add("hint");
        caption.setWrapText(true);
        caption.setMaxWidth(SIZE_PX);
        getChildren().addAll(code, caption);

        model.watchUrlProperty().addListener((o, was, now) -> show(code, caption, now));
        show(code, caption, model.watchUrlProperty().get());
        visibleProperty().bind(model.watchUrlProperty().isNotEmpty());
        managedProperty().bind(visibleProperty());
    }

    private static void show(ImageView code, Label caption, String url) {
        code.setImage(url.isEmpty() ? null : QrCodeImage.of(url, SIZE_PX));
        caption.setText(StatusTexts.watchQrCaption(url));
    }
}
