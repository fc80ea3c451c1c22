package io.stereospot.app.gui.view;

import io.stereospot.app.gui.model.MainViewModel;
import io.stereospot.app.gui.settings.AppSettings;
import io.stereospot.capture.Resolution;
import io.stereospot.capture.ffmpeg.VideoEncoder;
import io.stereospot.contract.CreateSessionRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.StringConverter;

/**
 * The settings under the picker, folded by default: resolution, 3D format, encoder, server URL and, in local mode,
 * the network switch.
 */
final class SettingsSection extends TitledPane {

    private static final Map<String, String> ENCODER_LABELS = Map.of(
            AppSettings.AUTO_ENCODER, "Auto (the graphics chip when it can, else the processor)",
            "x264", "Processor (x264)",
            "nvenc", "NVIDIA (NVENC)",
            "qsv", "Intel Quick Sync (QSV)",
            "amf", "AMD (AMF, Windows)",
            "vaapi", "VA-API (Linux)",
            "mf", "Media Foundation (Windows)");

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
                return r == null ? "" : r.isAuto() ? "auto  (the best this computer keeps smooth)"
                        : r.label() + "  (" + r.width() + "×" + r.height() + ")";
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

        GridPane grid = grid();
        grid.addRow(0, fieldLabel("Resolution"), resolution);
        // The encoder shares the format's row: one more row would push Start below a default window's fold.
        HBox formatAndEncoder = new HBox(12, format, fieldLabel("Encoder"), encoderChoice(model));
        formatAndEncoder.setAlignment(Pos.CENTER_LEFT);
        grid.addRow(1, fieldLabel("3D format"), formatAndEncoder);
        grid.addRow(2, fieldLabel("Server URL"), serverUrl);
        grid.add(lan, 1, 3);
        grid.add(lanHint, 1, 4);
        onlyWhen(model.inputs().localModeProperty(), lan, lanHint);
        // The key takes the LAN switch's place: each applies to one mode only, and an extra row would push Start
        // below the fold of a window of the default size.
        addApiKeyRow(grid, model, 3);
        grid.disableProperty().bind(model.inputsLockedProperty());
        setContent(grid);
    }

    /** The key a server open to others asks for; a secret, so masked and not saved. Only with a server URL. */
    private static void addApiKeyRow(GridPane grid, MainViewModel model, int row) {
        PasswordField apiKey = new PasswordField();
        apiKey.setId("api-key");
        apiKey.setPromptText("Only if the server asks for one (kept until the app closes, not saved)");
        apiKey.textProperty().bindBidirectional(model.inputs().apiKeyProperty());
        apiKey.disableProperty().bind(model.inputs().localModeProperty());
        Label label = fieldLabel("API key");
        grid.addRow(row, label, apiKey);
        onlyWhen(model.inputs().localModeProperty().not(), label, apiKey);
    }

    /** As {@code --encoder}: auto (the default), or one encoder by name, which must work here for Start to go on. */
    private static ComboBox<String> encoderChoice(MainViewModel model) {
        List<String> names = new ArrayList<>(List.of(AppSettings.AUTO_ENCODER));
        Stream.of(VideoEncoder.values()).map(VideoEncoder::optionName).forEach(names::add);
        ComboBox<String> encoder = new ComboBox<>(FXCollections.observableArrayList(names));
        encoder.setId("encoder");
        encoder.valueProperty().bindBidirectional(model.inputs().encoderProperty());
        encoder.setConverter(new StringConverter<>() {
            @Override
            public String toString(String name) {
                return name == null ? "" : ENCODER_LABELS.getOrDefault(name, name);
            }

            @Override
            public String fromString(String text) {
                return ENCODER_LABELS.entrySet().stream().filter(e -> e.getValue().equals(text)).map(Map.Entry::getKey)
                        .findFirst().orElse(AppSettings.AUTO_ENCODER);
            }
        });
        return encoder;
    }

    /** Shown, and given room, only while {@code condition} holds. */
    private static void onlyWhen(ObservableBooleanValue condition, Node... nodes) {
        for (Node node : nodes) {
            node.visibleProperty().bind(condition);
            node.managedProperty().bind(condition);
        }
    }

    /** Labels right-aligned in the first column, fields filling the second: the layout of both settings folds. */
    static GridPane grid() {
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
        return grid;
    }

    static Label fieldLabel(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("field-label");
        return label;
    }
}
