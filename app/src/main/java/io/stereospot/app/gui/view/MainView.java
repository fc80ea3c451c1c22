package io.stereospot.app.gui.view;

import io.stereospot.app.gui.model.MainViewModel;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The whole window, top to bottom: the Help menu, header, banner, what to capture, settings, start/stop and the stream. */
public final class MainView {

    static final String STYLESHEET = "stereospot.css";

    private final BorderPane root = new BorderPane();

    public MainView(MainViewModel model) {
        Label title = new Label("StereoSpot Stream");
        title.getStyleClass().add("app-title");
        Label subtitle = new Label("Watch anything on this computer in 3D, side by side, in PotPlayer.");
        subtitle.getStyleClass().add("app-subtitle");
        VBox titles = new VBox(2, title, subtitle);
        Label server = new Label();
        server.setId("server-note");
        server.getStyleClass().add("server-note");
        server.textProperty().bind(Bindings.createStringBinding(() -> !model.inputs().localModeProperty().get()
                        ? "Server: " + model.inputs().serverUrlProperty().get().strip()
                        : model.inputs().lanAccessProperty().get()
                                ? "Served from this computer · open to the network"
                                : "Served from this computer only",
                model.inputs().localModeProperty(), model.inputs().lanAccessProperty(), model.inputs().serverUrlProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(16, titles, spacer, server);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("app-header");

        SettingsSection settings = new SettingsSection(model);
        DepthSection depth = new DepthSection(model);
        // Locked while a broadcast runs anyway; hidden then, so the stream card and its QR code fit above the fold.
        for (Region fold : new Region[] {settings, depth}) {
            fold.visibleProperty().bind(model.inputsLockedProperty().not());
            fold.managedProperty().bind(fold.visibleProperty());
        }
        VBox body = new VBox(16, new BannerBar(model), new SourcePicker(model), settings, depth,
                new StreamSection(model));
        body.getStyleClass().add("body");
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("body-scroll");

        root.setTop(new VBox(new HelpMenu(model.support()), header));
        root.setCenter(scroll);
        root.getStyleClass().add("stereospot");
    }

    public Parent root() {
        return root;
    }

    /** A scene with the app's stylesheet. */
    public Scene scene(double widthPx, double heightPx) {
        Scene scene = new Scene(root, widthPx, heightPx);
        scene.getStylesheets().add(Objects.requireNonNull(MainView.class.getResource(STYLESHEET)).toExternalForm());
        return scene;
    }
}
