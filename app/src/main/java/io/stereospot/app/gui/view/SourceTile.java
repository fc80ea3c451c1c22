package io.stereospot.app.gui.view;

import io.stereospot.app.gui.model.SourceChoice;
import io.stereospot.capture.source.CaptureSource;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** One screen or window in the picker: its thumbnail, its title and its size; selecting it chooses it. */
final class SourceTile extends ToggleButton {

    static final double THUMB_WIDTH = 176;
    static final double THUMB_HEIGHT = 99;

    private final SourceChoice choice;

    SourceTile(SourceChoice choice) {
        this.choice = choice;
        getStyleClass().add("source-tile");
        setUserData(choice);

        ImageView image = new ImageView();
        image.setFitWidth(THUMB_WIDTH);
        image.setFitHeight(THUMB_HEIGHT);
        image.setPreserveRatio(true);
        image.setSmooth(true);
        image.imageProperty().bind(choice.thumbnailProperty());
        Label placeholder = new Label(choice.source() instanceof CaptureSource.Screen ? "Screen" : "Window");
        placeholder.getStyleClass().add("thumb-placeholder");
        placeholder.visibleProperty().bind(choice.thumbnailProperty().isNull());
        StackPane thumb = new StackPane(placeholder, image);
        thumb.getStyleClass().add("thumb");
        thumb.setMinSize(THUMB_WIDTH, THUMB_HEIGHT);
        thumb.setPrefSize(THUMB_WIDTH, THUMB_HEIGHT);
        thumb.setMaxSize(THUMB_WIDTH, THUMB_HEIGHT);

        Label title = new Label(choice.title());
        title.getStyleClass().add("tile-title");
        title.setMaxWidth(THUMB_WIDTH);
        Label detail = new Label(choice.detail());
        detail.getStyleClass().add("tile-detail");

        VBox box = new VBox(6, thumb, title, detail);
        box.setAlignment(Pos.TOP_LEFT);
        setGraphic(box);
        setText(null);
        setAccessibleText(choice.title());
    }

    SourceChoice choice() {
        return choice;
    }
}
