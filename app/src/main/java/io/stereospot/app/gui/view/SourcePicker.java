package io.stereospot.app.gui.view;

import io.stereospot.app.gui.model.MainViewModel;
import io.stereospot.app.gui.model.SourceChoice;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The first card: what to capture — screens and windows as tiles, Refresh, and the two audio switches. */
final class SourcePicker extends VBox {

    private final MainViewModel model;
    private final ToggleGroup group = new ToggleGroup();
    private final FlowPane tiles = new FlowPane(12, 12);
    private boolean syncing;

    SourcePicker(MainViewModel model) {
        this.model = model;
        getStyleClass().addAll("card", "source-picker");
        setSpacing(12);

        Label heading = new Label("What to capture");
        heading.getStyleClass().add("card-title");
        ProgressIndicator busy = new ProgressIndicator();
        busy.getStyleClass().add("small-progress");
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(model.refreshingProperty());
        Button refresh = new Button("Refresh");
        refresh.setId("refresh");
        refresh.getStyleClass().add("secondary");
        refresh.setOnAction(e -> model.refreshSources());
        refresh.disableProperty().bind(model.refreshingProperty().or(model.inputsLockedProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(10, heading, spacer, busy, refresh);
        header.setAlignment(Pos.CENTER_LEFT);

        tiles.getStyleClass().add("tiles");
        tiles.setPrefWrapLength(600);
        ScrollPane scroller = new ScrollPane(tiles);
        scroller.getStyleClass().add("tiles-scroller");
        scroller.setFitToWidth(true);
        scroller.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroller.setPrefViewportHeight(178);
        scroller.setMinViewportHeight(178);

        CheckBox systemAudio = new CheckBox("System audio");
        systemAudio.setId("system-audio");
        systemAudio.selectedProperty().bindBidirectional(model.inputs().systemAudioProperty());
        CheckBox microphone = new CheckBox("Microphone");
        microphone.setId("microphone");
        microphone.selectedProperty().bindBidirectional(model.inputs().microphoneProperty());
        for (CheckBox box : new CheckBox[] {systemAudio, microphone}) {
            box.getStyleClass().add("switch");
            box.disableProperty().bind(model.inputsLockedProperty());
        }
        Label audioLabel = new Label("Sound");
        audioLabel.getStyleClass().add("field-label");
        HBox audio = new HBox(20, audioLabel, systemAudio, microphone);
        audio.setAlignment(Pos.CENTER_LEFT);

        getChildren().addAll(header, scroller, audio);

        model.sources().addListener((ListChangeListener<SourceChoice>) c -> rebuild());
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (syncing) {
                return;
            }
            if (now == null && was != null) {
                // A second click on the chosen tile would leave nothing chosen: keep it chosen instead.
                syncing = true;
                group.selectToggle(was);
                syncing = false;
                return;
            }
            model.selectedSourceProperty().set(now == null ? null : ((SourceTile) now).choice());
        });
        model.selectedSourceProperty().addListener((o, was, now) -> selectTile(now));
        rebuild();
    }

    private void rebuild() {
        syncing = true;
        group.getToggles().clear();
        tiles.getChildren().clear();
        for (SourceChoice choice : model.sources()) {
            SourceTile tile = new SourceTile(choice);
            tile.setToggleGroup(group);
            tile.disableProperty().bind(model.inputsLockedProperty());
            tiles.getChildren().add(tile);
        }
        syncing = false;
        selectTile(model.selectedSourceProperty().get());
    }

    private void selectTile(SourceChoice choice) {
        syncing = true;
        Toggle match = group.getToggles().stream()
                .filter(t -> ((SourceTile) t).choice() == choice).findFirst().orElse(null);
        group.selectToggle(match);
        syncing = false;
    }
}
