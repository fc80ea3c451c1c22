package io.stereospot.app.gui.view;

import io.stereospot.app.gui.model.MainViewModel;
import io.stereospot.app.gui.model.StreamPhase;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The bottom of the window: Start / Stop, then while streaming the status line, upload health and, prominently, the
 * playlist URL and the watch page's, each with Copy, and the watch page's QR code beside them. The URL part appears
 * as soon as the session exists and stays after Stop.
 */
final class StreamSection extends VBox {

    StreamSection(MainViewModel model) {
        setSpacing(16);

        Button start = new Button("Start streaming");
        start.setId("start");
        start.getStyleClass().addAll("accent", "big");
        start.setDefaultButton(true);
        start.disableProperty().bind(model.startDisabledProperty());
        start.setOnAction(e -> model.startStreaming());
        Button stop = new Button("Stop streaming");
        stop.setId("stop");
        stop.getStyleClass().addAll("danger", "big");
        stop.disableProperty().bind(model.stopDisabledProperty());
        stop.setOnAction(e -> model.stopStreaming());
        Label phase = new Label();
        phase.getStyleClass().add("phase-pill");
        phase.textProperty().bind(Bindings.createStringBinding(() -> switch (model.phaseProperty().get()) {
            case IDLE -> "Ready";
            case STARTING -> "Starting";
            case STREAMING -> "Live";
            case STOPPING -> "Stopping";
        }, model.phaseProperty()));
        model.phaseProperty().addListener((o, was, now) -> pill(phase, now));
        pill(phase, model.phaseProperty().get());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(12, start, stop, spacer, phase);
        actions.setAlignment(Pos.CENTER_LEFT);

        getChildren().addAll(actions, streamCard(model));
    }

    private static HBox streamCard(MainViewModel model) {
        Label status = new Label();
        status.setId("status");
        status.getStyleClass().add("status-line");
        status.textProperty().bind(model.statusTextProperty());
        Label elapsed = new Label();
        elapsed.setId("elapsed");
        elapsed.getStyleClass().add("elapsed");
        elapsed.textProperty().bind(model.elapsedTextProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox statusRow = new HBox(10, status, spacer, elapsed);
        statusRow.setAlignment(Pos.CENTER_LEFT);

        Label health = new Label();
        health.setId("health");
        health.getStyleClass().add("health");
        // Narrower beside the QR code: a long line wraps rather than lose its end.
        health.setWrapText(true);
        health.textProperty().bind(model.healthTextProperty());
        health.visibleProperty().bind(model.healthTextProperty().isNotEmpty());
        health.managedProperty().bind(health.visibleProperty());

        // One line, its whole sentence (with Auto's figures) in the tooltip: wrapped, it would push Copy below the fold.
        Label quality = new Label();
        quality.setId("quality");
        quality.getStyleClass().add("health");
        quality.textProperty().bind(model.qualityTextProperty());
        Tooltip qualityFigures = new Tooltip();
        qualityFigures.setWrapText(true);
        qualityFigures.setMaxWidth(520);
        qualityFigures.textProperty().bind(model.qualityTextProperty());
        quality.setTooltip(qualityFigures);
        quality.visibleProperty().bind(model.qualityTextProperty().isNotEmpty());
        quality.managedProperty().bind(quality.visibleProperty());

        Label depth = new Label();
        depth.setId("depth-source");
        depth.getStyleClass().add("health");
        depth.setWrapText(true);
        depth.textProperty().bind(model.depthTextProperty());
        depth.visibleProperty().bind(model.depthTextProperty().isNotEmpty()
                .and(model.inputs().localModeProperty()));
        depth.managedProperty().bind(depth.visibleProperty());

        Label urlLabel = new Label("Playlist URL");
        urlLabel.getStyleClass().add("field-label");
        Button copy = copyButton("copy", model.playlistUrlProperty());
        HBox urlRow = urlRow("playlist-url", model.playlistUrlProperty(), copy);
        Label hint = new Label("Paste this URL in PotPlayer → 3D SBS");
        hint.setId("potplayer-hint");
        hint.getStyleClass().add("hint-strong");
        Label watchLabel = new Label("Watch page: a headset's, phone's or TV's browser");
        watchLabel.getStyleClass().add("field-label");
        VBox watchBox = new VBox(6, watchLabel,
                urlRow("watch-url", model.watchUrlProperty(), copyButton("copy-watch", model.watchUrlProperty())));
        watchBox.setId("watch-box");
        watchBox.visibleProperty().bind(model.watchUrlProperty().isNotEmpty());
        watchBox.managedProperty().bind(watchBox.visibleProperty());
        VBox urlBox = new VBox(6, urlLabel, urlRow, hint, watchBox);
        urlBox.getStyleClass().add("url-box");
        urlBox.setId("url-box");
        urlBox.visibleProperty().bind(model.playlistUrlProperty().isNotEmpty());
        // Start is disabled by now; focus goes where the next step is, so Enter copies the URL.
        model.playlistUrlProperty().addListener((o, was, now) -> {
            if (!now.isEmpty()) {
                Platform.runLater(copy::requestFocus);
            }
        });
        urlBox.managedProperty().bind(urlBox.visibleProperty());

        VBox lines = new VBox(10, statusRow, health, quality, depth, urlBox);
        HBox.setHgrow(lines, Priority.ALWAYS);
        // Beside the lines rather than under them: under them it would sit below a default window's fold.
        HBox card = new HBox(20, lines, new WatchQrCode(model));
        card.getStyleClass().addAll("card", "stream-card");
        card.setId("stream-card");
        card.visibleProperty().bind(model.statusTextProperty().isNotEmpty().or(model.playlistUrlProperty().isNotEmpty()));
        card.managedProperty().bind(card.visibleProperty());
        return card;
    }

    /** Puts {@code text} on the clipboard, saying "Copied" for two seconds. */
    private static Button copyButton(String id, ReadOnlyStringProperty text) {
        Button copy = new Button("Copy");
        copy.setId(id);
        copy.getStyleClass().add("accent");
        PauseTransition revert = new PauseTransition(Duration.seconds(2));
        revert.setOnFinished(e -> copy.setText("Copy"));
        copy.setOnAction(e -> {
            ClipboardText.put(text.get());
            copy.setText("Copied");
            revert.playFromStart();
        });
        return copy;
    }

    /** A read-only URL field filling the row, and its Copy button. */
    private static HBox urlRow(String id, ReadOnlyStringProperty text, Button copy) {
        TextField url = new TextField();
        url.setId(id);
        url.getStyleClass().add("playlist-url");
        url.setEditable(false);
        url.textProperty().bind(text);
        HBox.setHgrow(url, Priority.ALWAYS);
        HBox row = new HBox(8, url, copy);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static void pill(Label label, StreamPhase phase) {
        label.getStyleClass().removeAll("pill-idle", "pill-busy", "pill-live");
        label.getStyleClass().add(switch (phase) {
            case IDLE -> "pill-idle";
            case STREAMING -> "pill-live";
            default -> "pill-busy";
        });
    }
}
