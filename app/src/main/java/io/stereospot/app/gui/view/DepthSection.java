package io.stereospot.app.gui.view;

import io.stereospot.app.gui.model.MainViewModel;
import io.stereospot.app.gui.settings.DepthChoice;
import java.io.File;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;

/**
 * The depth settings of the local stream, folded under Settings: 3D depth on or off (off: flat side by side),
 * strength, convergence and a model file of one's own. In their own fold so that opening Settings does not push
 * Start out of sight. Only in local mode: a server elsewhere converts with its own settings.
 */
final class DepthSection extends TitledPane {

    DepthSection(MainViewModel model) {
        setText("3D depth");
        setId("depth-settings");
        getStyleClass().add("settings");
        setExpanded(false);
        setAnimated(false);

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

        GridPane grid = SettingsSection.grid();
        grid.add(depthOn, 1, 0);
        grid.addRow(1, SettingsSection.fieldLabel("Depth strength"), new HBox(8, strength, strengthValue));
        grid.addRow(2, SettingsSection.fieldLabel("Convergence"), new HBox(8, convergence, convergenceValue));
        grid.addRow(3, SettingsSection.fieldLabel("Depth model file"), modelRow);
        grid.add(depthHint, 1, 4);
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

}
