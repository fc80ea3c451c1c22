package io.stereospot.app.gui;

import static io.stereospot.app.gui.WindowFixture.UI_TIMEOUT;
import static io.stereospot.app.gui.WindowFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.capture.Resolution;
import io.stereospot.media.testenv.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Everything chosen in one window is there again in the next one (a restart), read from the settings file. */
@ExtendWith(ApplicationExtension.class)
class SettingsRestartTest {

    @TempDir
    static Path dir;
    private static WindowFixture fixture;

    private StereoSpotWindow first;
    private StereoSpotWindow second;

    @BeforeAll
    static void desktop() {
        fixture = WindowFixture.start(dir);
    }

    @AfterAll
    static void endDesktop() {
        fixture.close();
    }

    @Start
    void open(Stage stage) {
        Platform.setImplicitExit(false);
        first = StereoSpotWindow.open(stage, fixture.environment(dir.resolve("home"), new MutableClock()));
    }

    @AfterEach
    void close() throws Exception {
        first.close().get(60, TimeUnit.SECONDS);
        if (second != null) {
            second.close().get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void settingsAndTheChosenSourceSurviveARestart(FxRobot robot) throws Exception {
        Path file = dir.resolve("home/config/stereospot/settings.properties");
        // A first run shows the defaults: 720p, local mode, this computer only, system audio on.
        assertThat(onFx(() -> robot.lookup("#resolution").queryAs(ComboBox.class).getValue()))
                .isEqualTo(Resolution.P720);
        assertThat(onFx(() -> robot.lookup("#settings").queryAs(TitledPane.class).isExpanded()))
                .as("settings are folded by default").isFalse();

        robot.clickOn(WindowFixture.tile(robot, WindowFixture.MOVING_WINDOW));
        robot.clickOn("#system-audio");
        robot.clickOn("#microphone");
        robot.clickOn("Settings");
        robot.clickOn("#resolution");
        robot.clickOn("1080p  (1920×1080)");
        robot.clickOn("#lan-access");
        robot.clickOn("#server-url").write("http://streams.example:8470");

        first.close().get(60, TimeUnit.SECONDS);
        assertThat(Files.readString(file)).contains("resolution=1080p");

        Stage stage = onFx(Stage::new);
        second = onFx(() -> StereoSpotWindow.open(stage, fixture.environment(dir.resolve("home"),
                new MutableClock())));
        Await.until(() -> onFx(() -> robot.from(stage.getScene().getRoot()).lookup(".source-tile")
                .queryAllAs(ToggleButton.class).stream().anyMatch(ToggleButton::isSelected)), UI_TIMEOUT,
                "the remembered source to be chosen again");

        var root = stage.getScene().getRoot();
        assertThat(onFx(() -> robot.from(root).lookup(".source-tile").queryAllAs(ToggleButton.class).stream()
                .filter(ToggleButton::isSelected).map(t -> t.getAccessibleText()).findFirst().orElse(null)))
                .isEqualTo(WindowFixture.MOVING_WINDOW);
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
    }
}
