package io.stereospot.app.gui;

import io.stereospot.app.gui.view.ErrorDialog;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Starts JavaFX without an {@code Application} subclass, so the app runs from the plain class path on Java 17,
 * and opens the window.
 */
public final class GuiLauncher {

    private GuiLauncher() {
    }

    /** Starts the FX toolkit and opens the window; returns once it is shown. */
    public static StereoSpotWindow launch(GuiEnvironment environment) {
        // The window decides when the program ends (after a graceful stop), not the last window closing.
        CompletableFuture<StereoSpotWindow> shown = new CompletableFuture<>();
        Platform.startup(() -> {
            Platform.setImplicitExit(false);
            try {
                ErrorDialog.install();
                shown.complete(StereoSpotWindow.open(new Stage(), environment));
            } catch (RuntimeException | Error e) {
                shown.completeExceptionally(e);
            }
        });
        return shown.join();
    }
}
