package io.stereospot.app.gui.view;

import io.stereospot.app.gui.model.SupportActions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
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
    private static volatile SupportActions support;

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

    /** The window's "Open log folder" and "Copy diagnostics", offered in every dialog from now on. */
    public static void offer(SupportActions actions) {
        support = actions;
    }

    /** A button that does {@code action} and leaves the dialog open (dialog buttons close it by default). */
    private static void offer(Alert alert, String label, Runnable action) {
        ButtonType type = new ButtonType(label, ButtonBar.ButtonData.LEFT);
        alert.getButtonTypes().add(type);
        alert.getDialogPane().lookupButton(type).addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            action.run();
        });
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
            SupportActions actions = support;
            alert.setContentText(message + "\n\nThe window keeps working; if streaming misbehaves, stop and start "
                    + "again. To report it, send the log file"
                    + (actions == null ? "" : " (in " + actions.logFolder() + ")") + " and the diagnostics.");
            if (actions != null) {
                offer(alert, HelpMenu.OPEN_LOG_FOLDER, actions::openLogFolder);
                offer(alert, HelpMenu.COPY_DIAGNOSTICS, () -> actions.copyDiagnostics(ClipboardText::put));
            }
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
