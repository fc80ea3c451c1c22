package io.stereospot.app.gui;

import static io.stereospot.app.gui.WindowQueries.UI_TIMEOUT;
import static io.stereospot.app.gui.WindowQueries.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.capture.Resolution;
import io.stereospot.media.testenv.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.Clipboard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/** Everything chosen in one window is there again in the next one (a restart), read from the settings file. */
class SettingsRestartTest {

    @RegisterExtension
    static final WindowTestExtension windows = new WindowTestExtension();

    @Test
    void settingsAndTheChosenSourceSurviveARestart(FxRobot robot) throws Exception {
        // A first run shows the defaults: quality Auto, local mode, this computer only, system audio on.
        assertThat(onFx(() -> robot.lookup("#resolution").queryAs(ComboBox.class).getValue()))
                .isEqualTo(Resolution.AUTO);
        assertThat(onFx(() -> robot.lookup("#settings").queryAs(TitledPane.class).isExpanded()))
                .as("settings are folded by default").isFalse();

        robot.clickOn(WindowQueries.tile(robot, WindowTestExtension.MOVING_WINDOW));
        robot.clickOn("#system-audio");
        robot.clickOn("#microphone");
        robot.clickOn("Settings");
        robot.clickOn("#resolution");
        robot.clickOn("1080p  (1920×1080)");
        robot.clickOn("#lan-access");
        // The depth controls, set through the controls themselves (they may be scrolled out of view for a click);
        // before the server URL, which leaves local mode and disables them.
        assertThat(onFx(() -> robot.lookup("#depth-3d").queryAs(CheckBox.class).isSelected()))
                .as("3D depth on by default").isTrue();
        assertThat(onFx(() -> robot.lookup("#depth-strength").queryAs(Slider.class).getValue())).isEqualTo(2.0);
        assertThat(onFx(() -> robot.lookup("#depth-convergence").queryAs(Slider.class).getValue())).isEqualTo(0.5);
        robot.interact(() -> {
            robot.lookup("#depth-settings").queryAs(TitledPane.class).setExpanded(true);
            robot.lookup("#depth-strength").queryAs(Slider.class).setValue(3.5);
            robot.lookup("#depth-convergence").queryAs(Slider.class).setValue(0.25);
            robot.lookup("#depth-model-file").queryAs(TextField.class).setText("/models/mine.onnx");
            robot.lookup("#depth-3d").queryAs(CheckBox.class).fire();
        });
        assertThat(onFx(() -> robot.lookup("#depth-strength").queryAs(Slider.class).isDisabled()))
                .as("3D off: no strength to set").isTrue();
        WindowQueries.snapshot(windows.window().stage(), Path.of("target", "ui-screenshots", "depth-settings.png"));
        robot.clickOn("#server-url").write("http://streams.example:8470");

        windows.window().close().get(60, TimeUnit.SECONDS);
        assertThat(Files.readString(windows.settingsFile())).contains("resolution=1080p").contains("depth.on=false")
                .contains("depth.strength=3.5");

        StereoSpotWindow second = windows.openAnother();
        var root = second.stage().getScene().getRoot();
        Await.until(() -> onFx(() -> robot.from(root).lookup(".source-tile")
                .queryAllAs(ToggleButton.class).stream().anyMatch(ToggleButton::isSelected)), UI_TIMEOUT,
                "the remembered source to be chosen again");

        assertThat(onFx(() -> robot.from(root).lookup(".source-tile").queryAllAs(ToggleButton.class).stream()
                .filter(ToggleButton::isSelected).map(t -> t.getAccessibleText()).findFirst().orElse(null)))
                .isEqualTo(WindowTestExtension.MOVING_WINDOW);
        assertThat(onFx(() -> robot.from(root).lookup("#system-audio").queryAs(CheckBox.class).isSelected()))
                .isFalse();
        assertThat(onFx(() -> robot.from(root).lookup("#microphone").queryAs(CheckBox.class).isSelected()))
                .isTrue();
        assertThat(onFx(() -> robot.from(root).lookup("#resolution").queryAs(ComboBox.class).getValue()))
                .isEqualTo(Resolution.P1080);
        assertThat(onFx(() -> robot.from(root).lookup("#lan-access").queryAs(CheckBox.class).isSelected()))
                .isTrue();
        assertThat(onFx(() -> robot.from(root).lookup("#server-url").queryAs(TextField.class).getText()))
                .isEqualTo("http://streams.example:8470");
        assertThat(onFx(() -> robot.from(root).lookup("#depth-3d").queryAs(CheckBox.class).isSelected())).isFalse();
        assertThat(onFx(() -> robot.from(root).lookup("#depth-strength").queryAs(Slider.class).getValue()))
                .isEqualTo(3.5);
        assertThat(onFx(() -> robot.from(root).lookup("#depth-convergence").queryAs(Slider.class).getValue()))
                .isEqualTo(0.25);
        assertThat(onFx(() -> robot.from(root).lookup("#depth-model-file").queryAs(TextField.class).getText()))
                .isEqualTo("/models/mine.onnx");

        // Help → Copy diagnostics puts this window's sources and settings on the clipboard.
        MenuItem copy = onFx(() -> robot.from(root).lookup("#menu").queryAs(MenuBar.class).getMenus().get(0)
                .getItems().stream().filter(i -> "copy-diagnostics".equals(i.getId())).findFirst().orElseThrow());
        robot.interact(copy::fire);
        String diagnostics = Await.value(() -> onFx(() -> {
            String text = Clipboard.getSystemClipboard().getString();
            return text != null && text.contains("Settings:") ? text : null;
        }), UI_TIMEOUT, "the diagnostics on the clipboard");
        assertThat(diagnostics).startsWith("StereoSpot Stream ").containsPattern("FFmpeg: ffmpeg version \\S+")
                .contains("  resolution: 1080p").contains("  server: http://streams.example:8470")
                .containsPattern("  window:0x[0-9a-f]+  Window · \\d+×\\d+  \\(chosen\\)");
    }
}

