package io.stereospot.app.gui;

import io.stereospot.app.gui.local.LocalStreamServer;
import io.stereospot.app.gui.model.MainViewModel;
import io.stereospot.app.gui.settings.SettingsStore;
import io.stereospot.app.gui.view.ErrorDialog;
import io.stereospot.app.gui.view.MainView;
import io.stereospot.server.StreamServer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window and what it owns: the view model, the view and the local server. Closing it stops a running
 * broadcast gracefully (last chunk uploaded, session ended) before the window goes.
 */
public final class StereoSpotWindow {

    private static final Logger LOG = LoggerFactory.getLogger(StereoSpotWindow.class);
    static final double WIDTH_PX = 900;
    static final double HEIGHT_PX = 780;

    private final Stage stage;
    private final MainViewModel model;
    private final LocalStreamServer localServer;
    private final GuiEnvironment environment;
    private CompletableFuture<Void> closed;

    private StereoSpotWindow(Stage stage, GuiEnvironment environment) {
        this.stage = stage;
        this.environment = environment;
        this.localServer = new LocalStreamServer(environment.dataDir(), environment.localPort());
        this.model = new MainViewModel(environment.catalog(), new SettingsStore(environment.settingsFile()),
                localServer, environment.clock(), environment.logFolder(), environment.encoderCache());
    }

    /** Builds the window on {@code stage}, shows it and lists the sources. FX thread only. */
    public static StereoSpotWindow open(Stage stage, GuiEnvironment environment) {
        StereoSpotWindow window = new StereoSpotWindow(stage, environment);
        MainView view = new MainView(window.model);
        ErrorDialog.offer(window.model.support());
        stage.setTitle(MainViewModel.WINDOW_TITLE);
        stage.setScene(view.scene(WIDTH_PX, HEIGHT_PX));
        stage.setMinWidth(640);
        stage.setMinHeight(560);
        stage.setOnCloseRequest(e -> {
            e.consume();
            window.close();
        });
        stage.show();
        window.model.refreshSources();
        return window;
    }

    public MainViewModel model() {
        return model;
    }

    public Stage stage() {
        return stage;
    }

    /** The in-process stream server of local mode, once a stream has started it. */
    public Optional<StreamServer> localServer() {
        return localServer.current();
    }

    /**
     * Stops streaming gracefully and the local server, then hides the window (and ends the program when the
     * environment says so). Idempotent; completes when everything is stopped.
     */
    public synchronized CompletableFuture<Void> close() {
        if (closed == null) {
            LOG.info("Closing the window");
            CompletableFuture<CompletableFuture<Void>> begun = new CompletableFuture<>();
            // The view model lives on the FX thread; a close may come from elsewhere (a test, Ctrl-C).
            runOnFx(() -> {
                try {
                    begun.complete(model.shutdown());
                } catch (RuntimeException | Error e) {
                    begun.completeExceptionally(e);
                }
            });
            // Completes when streaming and the server have stopped, whatever the FX thread does after.
            closed = begun.thenCompose(stopped -> stopped).whenComplete((ok, error) -> {
                if (error != null) {
                    LOG.warn("Stopping on close failed", error);
                }
                LOG.info("Streaming and the local server are stopped");
                Platform.runLater(() -> {
                    stage.hide();
                    if (environment.exitOnClose()) {
                        Platform.exit();
                        System.exit(0);
                    }
                });
            });
        }
        return closed;
    }

    /** For a shutdown hook: stops streaming and the local server from the calling thread (see the model). */
    public void stopForExit() {
        LOG.info("Stopping for exit");
        model.stopForExit();
    }

    private static void runOnFx(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }
}
