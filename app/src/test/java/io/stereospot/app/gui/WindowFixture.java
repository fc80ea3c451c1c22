package io.stereospot.app.gui;

import io.stereospot.app.gui.model.SourceChoice;
import io.stereospot.capture.source.SourceCatalog;
import io.stereospot.media.testenv.Await;
import io.stereospot.media.testenv.TestDesktop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the window tests share: a private desktop to capture (its own Xvfb with a moving window, its own
 * PulseAudio), an environment that keeps settings and the local server's data in the test's folder, and small
 * helpers to read the live window from the test thread.
 */
final class WindowFixture implements AutoCloseable {

    static final String MOVING_WINDOW = "Moving clock";
    static final Duration UI_TIMEOUT = Duration.ofSeconds(30);

    private final TestDesktop desktop;
    private final SourceCatalog catalog;

    private WindowFixture(TestDesktop desktop) {
        this.desktop = desktop;
        this.catalog = SourceCatalog.forThisPlatform(desktop.environment());
    }

    /** A 1280×720 desktop with a moving window titled {@value #MOVING_WINDOW}. */
    static WindowFixture start(Path dir) {
        TestDesktop desktop = TestDesktop.start(dir.resolve("desktop"), 1280, 720);
        try {
            desktop.openMovingWindow(MOVING_WINDOW, 40, 40, 640, 360);
            return new WindowFixture(desktop);
        } catch (RuntimeException | Error e) {
            desktop.close();
            throw e;
        }
    }

    TestDesktop desktop() {
        return desktop;
    }

    /** Settings under {@code home}/config, the local server's store under {@code home}/data, any free port. */
    GuiEnvironment environment(Path home, MutableClock clock) {
        return new GuiEnvironment(catalog, home.resolve("config/stereospot/settings.properties"),
                home.resolve("data"), 0, clock, false);
    }

    static <T> T onFx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("Reading the window failed", e);
        }
    }

    /** The picker's tile for the window titled {@code title}, once the picker lists it. */
    static ToggleButton tile(FxRobot robot, String title) {
        return Await.value(() -> onFx(() -> robot.lookup(".source-tile").queryAllAs(ToggleButton.class).stream()
                        .filter(t -> ((SourceChoice) t.getUserData()).title().equals(title))
                        .findFirst().orElse(null)),
                UI_TIMEOUT, "the tile of '" + title + "'");
    }

    static String text(FxRobot robot, String query) {
        return onFx(() -> {
            Node node = robot.lookup(query).query();
            if (node instanceof javafx.scene.control.Labeled labeled) {
                return labeled.getText();
            }
            return ((javafx.scene.control.TextInputControl) node).getText();
        });
    }

    static boolean disabled(FxRobot robot, String query) {
        return onFx(() -> robot.lookup(query).query().isDisabled());
    }

    static boolean visible(FxRobot robot, String query) {
        return onFx(() -> robot.lookup(query).query().isVisible());
    }

    /** A PNG of the window's scene, kept under target/ as a build artifact. */
    static void snapshot(Stage stage, Path png) {
        WritableImage image = onFx(() -> stage.getScene().snapshot(null));
        try {
            Files.createDirectories(png.getParent());
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        desktop.close();
    }
}
