package io.stereospot.app.gui.view;

import io.stereospot.app.gui.model.MainViewModel;
import io.stereospot.app.gui.settings.DepthChoice;
import io.stereospot.capture.Resolution;
import io.stereospot.contract.CreateSessionRequest;
import java.io.File;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.collections.FXCollections;
import javafx.geometry.HPos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/**
 * The settings under the picker, folded by default: resolution, 3D format, server URL and, in local mode, the network
 * switch and the depth (3D on or off, strength, convergence, model file).
 */
final class SettingsSection extends TitledPane {

    SettingsSection(MainViewModel model) {
        setText("Settings");
        setId("settings");
        getStyleClass().add("settings");
        setExpanded(false);
        setAnimated(false);

        ComboBox<Resolution> resolution = new ComboBox<>(FXCollections.observableArrayList(Resolution.values()));
        resolution.setId("resolution");
        resolution.valueProperty().bindBidirectional(model.inputs().resolutionProperty());
        resolution.setConverter(new StringConverter<>() {
            @Override
            public String toString(Resolution r) {
                return r == null ? "" : r.label() + "  (" + r.width() + "×" + r.height() + ")";
            }

            @Override
            public Resolution fromString(String text) {
                return Resolution.parse(text.split("\\s")[0]);
            }
        });

        ComboBox<String> format = new ComboBox<>(FXCollections.observableArrayList(CreateSessionRequest.DEFAULT_MODE));
        format.setId("format");
        format.valueProperty().bindBidirectional(model.inputs().modeProperty());
        format.setConverter(new StringConverter<>() {
            @Override
            public String toString(String mode) {
                return "sbs".equals(mode) ? "Side by side (SBS)" : mode;
            }

            @Override
            public String fromString(String text) {
                return CreateSessionRequest.DEFAULT_MODE;
            }
        });

        TextField serverUrl = new TextField();
        serverUrl.setId("server-url");
        serverUrl.setPromptText("Empty: this computer runs the stream server (local mode)");
        serverUrl.textProperty().bindBidirectional(model.inputs().serverUrlProperty());

        CheckBox lan = new CheckBox("Let other devices on this network play the stream");
        lan.setId("lan-access");
        lan.getStyleClass().add("switch");
        lan.selectedProperty().bindBidirectional(model.inputs().lanAccessProperty());
        lan.disableProperty().bind(model.inputs().localModeProperty().not());
        Label lanHint = new Label("PotPlayer on another PC, a TV or a headset on the same network can then open "
                + "the URL. Only in local mode.");
        lanHint.getStyleClass().add("hint");
        lanHint.setWrapText(true);

        CheckBox depthOn = new CheckBox("3D depth (off: flat side by side)");
        depthOn.setId("depth-3d");
        depthOn.getStyleClass().add("switch");
        depthOn.selectedProperty().bindBidirectional(model.inputs().depthOnProperty());
        Slider strength = slider("depth-strength", 0, DepthChoice.MAX_STRENGTH_PERCENT, 1,
                model.inputs().depthStrengthPercentProperty());
        Label strengthValue = valueLabel(model.inputs().depthStrengthPercentProperty(), "%.1f %% of the width");
        Slider convergence = slider("depth-convergence", 0, 1, 0.25, model.inputs().depthConvergenceProperty());
        Label convergenceValue = valueLabel(model.inputs().depthConvergenceProperty(),
                "%.2f (0 all in front of the screen, 1 all behind)");
        TextField modelFile = new TextField();
        modelFile.setId("depth-model-file");
        modelFile.setPromptText("Empty: the public depth model is downloaded once");
        modelFile.textProperty().bindBidirectional(model.inputs().depthModelFileProperty());
        HBox.setHgrow(modelFile, Priority.ALWAYS);
        Button choose = new Button("Choose…");
        choose.setId("depth-model-choose");
        choose.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Depth model (ONNX)");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("ONNX models", "*.onnx"));
            File file = chooser.showOpenDialog(getScene().getWindow());
            if (file != null) {
                modelFile.setText(file.getAbsolutePath());
            }
        });
        HBox modelRow = new HBox(8, modelFile, choose);
        for (var control : List.of(strength, strengthValue, convergence, convergenceValue, modelRow)) {
            control.disableProperty().bind(depthOn.selectedProperty().not()
                    .or(model.inputs().localModeProperty().not()));
        }
        depthOn.disableProperty().bind(model.inputs().localModeProperty().not());
        Label depthHint = new Label("Depth for the stream this computer serves (local mode); a server elsewhere "
                + "uses its own settings.");
        depthHint.getStyleClass().add("hint");
        depthHint.setWrapText(true);

        GridPane grid = new GridPane();
        grid.getStyleClass().add("settings-grid");
        grid.setHgap(16);
        grid.setVgap(10);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setHalignment(HPos.RIGHT);
        labels.setMinWidth(110);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        grid.getColumnConstraints().addAll(labels, fields);
        grid.addRow(0, fieldLabel("Resolution"), resolution);
        grid.addRow(1, fieldLabel("3D format"), format);
        grid.addRow(2, fieldLabel("Server URL"), serverUrl);
        grid.add(lan, 1, 3);
        grid.add(lanHint, 1, 4);
        grid.add(depthOn, 1, 5);
        grid.addRow(6, fieldLabel("Depth strength"), new HBox(8, strength, strengthValue));
        grid.addRow(7, fieldLabel("Convergence"), new HBox(8, convergence, convergenceValue));
        grid.addRow(8, fieldLabel("Depth model file"), modelRow);
        grid.add(depthHint, 1, 9);
        grid.disableProperty().bind(model.inputsLockedProperty());
        setContent(grid);
    }

    private static Slider slider(String id, double min, double max, double tickUnit, DoubleProperty value) {
        Slider slider = new Slider(min, max, value.get());
        slider.setId(id);
        slider.setMajorTickUnit(tickUnit);
        slider.setShowTickMarks(true);
        slider.setBlockIncrement(tickUnit / 10);
        slider.setPrefWidth(260);
        slider.valueProperty().bindBidirectional(value);
        return slider;
    }

    private static Label valueLabel(DoubleProperty value, String format) {
        Label label = new Label();
        label.getStyleClass().add("hint");
        label.textProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, format, value.get()), value));
        return label;
    }

    private static Label fieldLabel(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("field-label");
        return label;
    }
}
