package io.stereospot.app.gui.view;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line of defence: an exception nobody caught becomes a dialog (with the details folded away) instead
 * of a dead window, and a log entry.
 */
public final class ErrorDialog {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorDialog.class);
    private static final AtomicBoolean SHOWING = new AtomicBoolean();

    private ErrorDialog() {
    }

    /** Routes every uncaught exception, on any thread, to {@link #show(Throwable)}. Call on the FX thread. */
    public static void install() {
        Thread.UncaughtExceptionHandler handler = (thread, error) -> {
            LOG.error("Uncaught error on {}", thread.getName(), error);
            if (Platform.isFxApplicationThread()) {
                show(error);
            } else {
                Platform.runLater(() -> show(error));
            }
        };
        Thread.setDefaultUncaughtExceptionHandler(handler);
        Thread.currentThread().setUncaughtExceptionHandler(handler);
    }

    /** One dialog at a time: a burst of the same failure must not bury the window in dialogs. */
    public static void show(Throwable error) {
        if (!SHOWING.compareAndSet(false, true)) {
            return;
        }
        try {
            Alert alert = new Alert(Alert.AlertType.ERROR);
            alert.setTitle("StereoSpot Stream Capture");
            alert.setHeaderText("Something went wrong inside StereoSpot.");
            String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
            alert.setContentText(message + "\n\nThe window keeps working; if streaming misbehaves, stop and start "
                    + "again. The details below help when reporting it.");
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            TextArea details = new TextArea(trace.toString());
            details.setEditable(false);
            details.setWrapText(false);
            details.setPrefRowCount(12);
            alert.getDialogPane().setExpandableContent(details);
            alert.showAndWait();
        } finally {
            SHOWING.set(false);
        }
    }
}
