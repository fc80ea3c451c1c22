package io.stereospot.app.gui;

import static io.stereospot.app.gui.WindowQueries.UI_TIMEOUT;
import static io.stereospot.app.gui.WindowQueries.onFx;
import static io.stereospot.app.gui.WindowQueries.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.app.gui.local.LanAddresses;
import io.stereospot.app.gui.model.StreamPhase;
import io.stereospot.media.process.ExternalProcess;
import io.stereospot.media.testenv.Await;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.Clipboard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/**
 * Issue 25's QR code, in the real window streaming to its real local server with the LAN switch on: the pixels on
 * this display, grabbed by ImageMagick's {@code import} and read by an independent decoder ({@code zbarimg}), give
 * exactly the watch page's URL, at the address other devices reach: on the server's HTTPS port (a headset allows
 * WebXR only in a secure context), or on the playlist's origin when this machine has no network address.
 */
class WatchQrCodeWindowTest {

    private static final Path SCREENSHOT = Path.of("target", "ui-screenshots", "window-qr.png");

    @RegisterExtension
    static final WindowTestExtension windows = new WindowTestExtension();

    @Test
    void theQrCodeOnScreenReadsAsTheWatchPageOfTheNetworkAddress(FxRobot robot) throws Exception {
        StereoSpotWindow window = windows.window();
        robot.clickOn(WindowQueries.tile(robot, WindowTestExtension.MOVING_WINDOW));
        robot.clickOn("Settings");
        robot.clickOn("#lan-access");
        assertThat(onFx(() -> window.model().inputs().lanAccessProperty().get())).isTrue();

        robot.clickOn("#start");
        Await.until(() -> onFx(() -> window.model().phaseProperty().get() == StreamPhase.STREAMING
                && !window.model().watchUrlProperty().get().isEmpty()), UI_TIMEOUT, "streaming with a watch URL");

        String playlist = text(robot, "#playlist-url");
        String watch = text(robot, "#watch-url");
        URI playlistUri = URI.create(playlist);
        String sessionId = playlistUri.getPath().replaceAll("/stream/([0-9a-f-]{36})/playlist\\.m3u8", "$1");
        // The LAN switch serves the network address when this machine has one; else this computer only.
        assertThat(playlistUri.getHost()).isEqualTo(LanAddresses.find().orElse("127.0.0.1"));
        if (LanAddresses.find().isPresent()) {
            // On the LAN the page is on the server's HTTPS port, at the playlist's host: WebXR needs https there.
            URI watchUri = URI.create(watch);
            assertThat(watchUri.getScheme()).isEqualTo("https");
            assertThat(watchUri.getHost()).isEqualTo(playlistUri.getHost());
            assertThat(watchUri.getPort()).as("the HTTPS port").isPositive().isNotEqualTo(playlistUri.getPort());
            assertThat(watchUri.getPath()).isEqualTo("/watch/" + sessionId);
            assertThat(text(robot, "#watch-qr-caption")).contains("warns once about the certificate");
        } else {
            assertThat(watch).as("the watch page on the playlist's origin")
                    .isEqualTo(playlistUri.getScheme() + "://" + playlistUri.getRawAuthority() + "/watch/" + sessionId);
        }

        assertThat(visibleInViewport(robot, "#watch-qr")).as("the QR code above the fold").isTrue();
        assertThat(visibleInViewport(robot, "#start")).as("Start above the fold").isTrue();
        assertThat(visibleInViewport(robot, "#stop")).as("Stop above the fold").isTrue();

        // The screen's own pixels, not the scene's: a repaint may lag the property, so read until something decodes.
        String decoded = Await.value(() -> decodeScreen(window), UI_TIMEOUT, "a QR code zbarimg can read on screen");
        assertThat(decoded).isEqualTo(watch);

        robot.clickOn("#copy-watch");
        assertThat(onFx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(watch);
        robot.clickOn("#stop");
        Await.until(() -> onFx(() -> window.model().phaseProperty().get()) == StreamPhase.IDLE, Duration.ofSeconds(60),
                "the broadcast to stop");
        assertThat(text(robot, "#watch-url")).as("the watch URL stays after Stop, as the playlist's does")
                .isEqualTo(watch);
    }

    /** Whether the node lies wholly inside the scroll pane's visible part, where a person sees it unscrolled. */
    private static boolean visibleInViewport(FxRobot robot, String query) {
        return onFx(() -> {
            Node node = robot.lookup(query).query();
            ScrollPane scroll = robot.lookup(".body-scroll").queryAs(ScrollPane.class);
            Bounds viewport = scroll.localToScene(scroll.getBoundsInLocal());
            Bounds bounds = node.localToScene(node.getBoundsInLocal());
            return node.isVisible() && scroll.getVvalue() == 0 && viewport.contains(bounds);
        });
    }

    /** The window's area of the display as a PNG, decoded by zbarimg: its one symbol's text, or null for none. */
    private static String decodeScreen(StereoSpotWindow window) {
        Bounds screen = onFx(() -> {
            Parent root = window.stage().getScene().getRoot();
            return root.localToScreen(root.getBoundsInLocal());
        });
        try {
            Files.createDirectories(SCREENSHOT.getParent());
            String crop = String.format(Locale.ROOT, "%dx%d+%d+%d", Math.round(screen.getWidth()),
                    Math.round(screen.getHeight()), Math.round(screen.getMinX()), Math.round(screen.getMinY()));
            run(List.of("import", "-window", "root", "-crop", crop, "+repage", SCREENSHOT.toString()));
        } catch (Exception e) {
            throw new AssertionError("Could not take the screenshot", e);
        }
        ExternalProcess.Output read = ExternalProcess.attempt(
                List.of("zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", SCREENSHOT.toString()),
                Map.copyOf(System.getenv()), Duration.ofSeconds(30));
        assertThat(read.exitCode()).as("zbarimg (apt-get install zbar-tools): %s", read.stderr())
                .isNotEqualTo(ExternalProcess.NOT_RUN);
        // Exit 4: no symbol found (yet).
        if (!read.succeeded()) {
            return null;
        }
        List<String> symbols = read.stdoutText().lines().toList();
        assertThat(symbols).as("exactly one QR code in the window").hasSize(1);
        return symbols.get(0);
    }

    private static void run(List<String> command) {
        ExternalProcess.Output output = ExternalProcess.attempt(command, Map.copyOf(System.getenv()),
                Duration.ofSeconds(30));
        assertThat(output.succeeded()).as("%s: %s", command, output.stderr()).isTrue();
    }
}
