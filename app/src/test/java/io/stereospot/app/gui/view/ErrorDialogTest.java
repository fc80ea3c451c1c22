package io.stereospot.app.gui.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.app.gui.model.Banner;
import io.stereospot.app.gui.model.SupportActions;
import io.stereospot.app.platform.FolderOpener;
import io.stereospot.media.testenv.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** An exception nobody caught, on any thread, becomes a dialog that says what happened; the window lives on. */
@ExtendWith(ApplicationExtension.class)
class ErrorDialogTest {

    @Start
    void open(Stage stage) {
        Platform.setImplicitExit(false);
        stage.setScene(new Scene(new Label("window"), 200, 100));
        stage.show();
    }

    @Test
    void anUncaughtErrorOnAnyThreadShowsADialog(FxRobot robot) throws Exception {
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        robot.interact(ErrorDialog::install);
        try {
            Thread worker = new Thread(() -> {
                throw new IllegalStateException("The encoder vanished");
            }, "worker");
            worker.start();
            worker.join(10_000);

            DialogPane pane = Await.value(ErrorDialogTest::shownDialog, Duration.ofSeconds(10), "the error dialog");
            assertThat(onFx(pane::getContentText)).startsWith("The encoder vanished");
            assertThat(onFx(pane::getHeaderText)).isEqualTo("Something went wrong inside StereoSpot.");
            robot.interact(() -> pane.getScene().getWindow().hide());
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
            robot.interact(() -> Thread.currentThread().setUncaughtExceptionHandler(null));
        }
    }

    @Test
    void theDialogOffersTheLogFolderAndDiagnosticsAndStaysOpen(FxRobot robot, @TempDir Path dir) throws Exception {
        List<Banner> banners = new CopyOnWriteArrayList<>();
        ErrorDialog.offer(new SupportActions(dir.resolve("logs"), new FolderOpener(List.of("true")), banners::add,
                () -> List.of("screen:0  Screen · 1280×720"), () -> List.of("resolution: 720p"),
                () -> "ffmpeg version test"));
        try {
            robot.interact(() -> Platform.runLater(() -> ErrorDialog.show(new IllegalStateException("The disk vanished"))));
            DialogPane pane = Await.value(ErrorDialogTest::shownDialog, Duration.ofSeconds(10), "the error dialog");
            assertThat(onFx(pane::getContentText)).contains("send the log file (in " + dir.resolve("logs") + ")");
            Button copy = onFx(() -> button(pane, "Copy diagnostics"));
            assertThat(onFx(() -> button(pane, "Open log folder"))).isNotNull();
            robot.interact(copy::fire);
            Await.value(() -> banners.isEmpty() ? null : banners.get(0), Duration.ofSeconds(10), "the copied note");
            assertThat(onFx(() -> Clipboard.getSystemClipboard().getString()))
                    .startsWith("StereoSpot Stream ").contains("FFmpeg: ffmpeg version test")
                    .contains("  screen:0  Screen · 1280×720");
            assertThat(onFx(() -> pane.getScene().getWindow().isShowing())).as("still open").isTrue();
            robot.interact(() -> pane.getScene().getWindow().hide());
        } finally {
            ErrorDialog.offer(null);
        }
    }

    private static Button button(DialogPane pane, String text) {
        return pane.getButtonTypes().stream().filter(t -> t.getText().equals(text))
                .map(t -> (Button) pane.lookupButton(t)).findFirst().orElse(null);
    }

    private static DialogPane shownDialog() {
        return onFx(() -> Window.getWindows().stream().filter(Window::isShowing)
                .map(w -> w.getScene().lookup(".dialog-pane")).filter(n -> n instanceof DialogPane)
                .map(n -> (DialogPane) n).findFirst().orElse(null));
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
