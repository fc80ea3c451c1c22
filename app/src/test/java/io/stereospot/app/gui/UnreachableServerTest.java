package io.stereospot.app.gui;

import static io.stereospot.app.gui.WindowFixture.UI_TIMEOUT;
import static io.stereospot.app.gui.WindowFixture.onFx;
import static io.stereospot.app.gui.WindowFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.app.gui.model.StreamPhase;
import io.stereospot.media.testenv.Await;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
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

/** A server URL where nothing listens: Start ends in a banner that says so, and Start can be pressed again. */
@ExtendWith(ApplicationExtension.class)
class UnreachableServerTest {

    @TempDir
    static Path dir;
    private static WindowFixture fixture;

    private StereoSpotWindow window;

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
        window = StereoSpotWindow.open(stage, fixture.environment(dir.resolve("home"), new MutableClock()));
    }

    @AfterEach
    void close() throws Exception {
        window.close().get(60, TimeUnit.SECONDS);
    }

    @Test
    void anUnreachableServerGivesTheBannerAndReenablesStart(FxRobot robot) throws IOException {
        String nowhere = "http://127.0.0.1:" + freePort();
        robot.clickOn(WindowFixture.tile(robot, WindowFixture.MOVING_WINDOW));
        robot.clickOn("Settings");
        robot.clickOn("#server-url").write(nowhere);
        assertThat(WindowFixture.disabled(robot, "#lan-access")).as("the LAN switch is for local mode only").isTrue();

        robot.clickOn("#start");
        Await.until(() -> WindowFixture.visible(robot, "#banner"), UI_TIMEOUT, "the banner");
        assertThat(text(robot, "#banner-text"))
                .contains("cannot be reached")
                .contains(nowhere)
                .contains("Check the server URL in Settings");
        Await.until(() -> !WindowFixture.disabled(robot, "#start"), UI_TIMEOUT, "Start to be enabled again");
        assertThat(onFx(() -> window.model().phaseProperty().get())).isEqualTo(StreamPhase.IDLE);
        assertThat(WindowFixture.disabled(robot, "#stop")).isTrue();
        assertThat(WindowFixture.visible(robot, "#url-box")).as("no session, so no URL").isFalse();
        assertThat(text(robot, "#playlist-url")).isEmpty();
        assertThat(window.localServer()).as("a server URL is set: no local server").isEmpty();
    }

    /** A port nothing listens on: bound by us a moment ago, free now. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
