package io.stereospot.app.gui.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.media.testenv.Await;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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
