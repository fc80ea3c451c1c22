package io.stereospot.app.gui;

import io.stereospot.app.gui.model.SourceChoice;
import io.stereospot.media.testenv.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Reading the live window from the test thread: every read runs on the FX thread, where the window lives. */
final class WindowQueries {

    static final Duration UI_TIMEOUT = Duration.ofSeconds(30);

    private WindowQueries() {
    }

    static <T> T onFx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("Reading the window failed", e);
        }
    }

    /**
     * Presses Refresh and waits until the new list is shown: until then the picker still holds the old tiles, and a
     * tile looked up too early is replaced (and leaves the scene) between the look-up and the click.
     */
    static void refresh(FxRobot robot, StereoSpotWindow window) {
        // A listing still under way (the window's first) disables the button: let it finish, or the click is lost.
        awaitListed(window, "the listing under way");
        robot.clickOn("#refresh");
        awaitListed(window, "the refreshed list of screens and windows");
    }

    private static void awaitListed(StereoSpotWindow window, String what) {
        Await.until(() -> !onFx(() -> window.model().refreshingProperty().get()), UI_TIMEOUT, what);
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
            if (node instanceof Labeled labeled) {
                return labeled.getText();
            }
            return ((TextInputControl) node).getText();
        });
    }

    static boolean disabled(FxRobot robot, String query) {
        return onFx(() -> robot.lookup(query).query().isDisabled());
    }

    static boolean visible(FxRobot robot, String query) {
        return onFx(() -> robot.lookup(query).query().isVisible());
    }

    /**
     * Scrolls the window's body to its end, where the stream card's URL row is: a warning banner (an overload on a
     * loaded machine, issue 27) can push it below the fold of a default-size window.
     */
    static void scrollToEnd(FxRobot robot) {
        robot.interact(() -> robot.lookup(".body-scroll").queryAs(ScrollPane.class).setVvalue(1.0));
        WaitForAsyncUtils.waitForFxEvents();
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
}
