package io.stereospot.app.gui.view;

import io.stereospot.app.gui.model.Banner;
import io.stereospot.app.gui.model.MainViewModel;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** The sentence across the top: an error (red), a warning (amber) or a note (blue); hidden when there is none. */
final class BannerBar extends HBox {

    BannerBar(MainViewModel model) {
        getStyleClass().add("banner");
        setId("banner");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(12);

        Label icon = new Label();
        icon.getStyleClass().add("banner-icon");
        Label text = new Label();
        text.setId("banner-text");
        text.getStyleClass().add("banner-text");
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button close = new Button("✕");
        close.getStyleClass().addAll("flat", "banner-close");
        close.setOnAction(e -> model.dismissBanner());

        getChildren().addAll(icon, text, close);
        visibleProperty().bind(model.bannerProperty().isNotNull());
        managedProperty().bind(visibleProperty());
        model.bannerProperty().addListener((o, was, now) -> show(now, icon, text));
        show(model.bannerProperty().get(), icon, text);
    }

    private void show(Banner banner, Label icon, Label text) {
        getStyleClass().removeAll("banner-info", "banner-warning", "banner-error");
        if (banner == null) {
            text.setText("");
            return;
        }
        getStyleClass().add("banner-" + banner.level().name().toLowerCase(Locale.ROOT));
        icon.setText(switch (banner.level()) {
            case ERROR -> "!";
            case WARNING -> "!";
            case INFO -> "i";
        });
        text.setText(banner.text());
    }
}
