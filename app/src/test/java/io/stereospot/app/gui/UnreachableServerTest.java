package io.stereospot.app.gui;

import static io.stereospot.app.gui.WindowQueries.UI_TIMEOUT;
import static io.stereospot.app.gui.WindowQueries.onFx;
import static io.stereospot.app.gui.WindowQueries.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.app.gui.model.StreamPhase;
import io.stereospot.media.testenv.Await;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/** A server URL where nothing listens: Start ends in a banner that says so, and Start can be pressed again. */
class UnreachableServerTest {

    @RegisterExtension
    static final WindowTestExtension windows = new WindowTestExtension();

    @Test
    void anUnreachableServerGivesTheBannerAndReenablesStart(FxRobot robot) throws IOException {
        StereoSpotWindow window = windows.window();
        String nowhere = "http://127.0.0.1:" + freePort();
        robot.clickOn(WindowQueries.tile(robot, WindowTestExtension.MOVING_WINDOW));
        robot.clickOn("Settings");
        robot.clickOn("#server-url").write(nowhere);
        assertThat(WindowQueries.disabled(robot, "#lan-access")).as("the LAN switch is for local mode only").isTrue();

        robot.clickOn("#start");
        Await.until(() -> WindowQueries.visible(robot, "#banner"), UI_TIMEOUT, "the banner");
        assertThat(text(robot, "#banner-text"))
                .contains("cannot be reached")
                .contains(nowhere)
                .contains("Check the server URL in Settings");
        Await.until(() -> !WindowQueries.disabled(robot, "#start"), UI_TIMEOUT, "Start to be enabled again");
        assertThat(onFx(() -> window.model().phaseProperty().get())).isEqualTo(StreamPhase.IDLE);
        assertThat(WindowQueries.disabled(robot, "#stop")).isTrue();
        assertThat(WindowQueries.visible(robot, "#url-box")).as("no session, so no URL").isFalse();
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
