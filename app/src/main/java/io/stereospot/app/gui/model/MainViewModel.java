package io.stereospot.app.gui.model;

import io.stereospot.app.gui.local.LocalStreamServer;
import io.stereospot.app.gui.settings.SettingsStore;
import io.stereospot.app.platform.Diagnostics;
import io.stereospot.app.platform.FolderOpener;
import io.stereospot.capture.source.SourceCatalog;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.util.Duration;

/**
 * Everything the window shows and every action it offers, in one place for the view. The view binds to the
 * read-only properties and writes only the inputs (the chosen source and {@link #inputs()}). It does no work
 * itself: the source list, the inputs, the broadcast controller and the live status behind it do, slow work in
 * one background task per action. FX thread only, except {@link #stopForExit()}.
 */
public final class MainViewModel {

    /** The window's own title: it is not offered as something to capture (it would film itself). */
    public static final String WINDOW_TITLE = "StereoSpot Stream Capture";

    private final StreamInputs inputs;
    private final SourceList sources;
    private final BroadcastController broadcasts;
    private final LiveStatus status;
    private final ReadOnlyObjectWrapper<Banner> banner = new ReadOnlyObjectWrapper<>(this, "banner");
    private final ReadOnlyBooleanWrapper startDisabled = new ReadOnlyBooleanWrapper(this, "startDisabled");
    private final ReadOnlyStringWrapper depthText = new ReadOnlyStringWrapper(this, "depthText", "");
    private final SupportActions support;
    private final Timeline ticker;

    /**
     * @param logFolder    where the log file is, for "Open log folder" and the diagnostics
     * @param encoderCache where the encoder probe keeps its answers
     */
    public MainViewModel(SourceCatalog catalog, SettingsStore settingsStore, LocalStreamServer localServer,
            Clock clock, Path logFolder, Path encoderCache) {
        BackgroundWork work = new FxTasks();
        this.inputs = new StreamInputs(settingsStore);
        this.sources = new SourceList(catalog, work, WINDOW_TITLE, inputs.sourceIdProperty(), banner::set);
        this.broadcasts = new BroadcastController(work,
                new ServerChoosingLauncher(catalog, localServer, clock, inputs::apiKey, encoderCache), clock,
                banner::set);
        this.status = broadcasts.status();
        this.support = new SupportActions(logFolder, FolderOpener.forThisPlatform(), work, banner::set,
                () -> SupportActions.sourceLines(sources.sources(), sources.selectedProperty().get()),
                () -> SupportActions.settingLines(inputs, settingsStore.file()), Diagnostics::ffmpegVersion);
        localServer.watchDepth(source -> work.onFx(() -> depthText.set(DepthTexts.of(source))));
        startDisabled.bind(broadcasts.inputsLockedProperty().or(sources.selectedProperty().isNull()));
        ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> status.tick()));
        ticker.setCycleCount(Animation.INDEFINITE);
        ticker.play();
    }

    // ---- inputs, written by the view ----

    public StreamInputs inputs() {
        return inputs;
    }

    public ObjectProperty<SourceChoice> selectedSourceProperty() {
        return sources.selectedProperty();
    }

    /** "Open log folder" and "Copy diagnostics". */
    public SupportActions support() {
        return support;
    }

    // ---- outputs ----

    public ObservableList<SourceChoice> sources() {
        return sources.sources();
    }

    public ReadOnlyBooleanProperty refreshingProperty() {
        return sources.refreshingProperty();
    }

    public ReadOnlyObjectProperty<StreamPhase> phaseProperty() {
        return broadcasts.phaseProperty();
    }

    public ReadOnlyBooleanProperty startDisabledProperty() {
        return startDisabled.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty stopDisabledProperty() {
        return broadcasts.stopDisabledProperty();
    }

    /** True while a broadcast runs: what to capture and how cannot change under it. */
    public ReadOnlyBooleanProperty inputsLockedProperty() {
        return broadcasts.inputsLockedProperty();
    }

    /** "Streaming… chunk N" while streaming; a summary after. */
    public ReadOnlyStringProperty statusTextProperty() {
        return status.statusTextProperty();
    }

    public ReadOnlyStringProperty elapsedTextProperty() {
        return status.elapsedTextProperty();
    }

    /** Upload health: size and latency of the last chunk, and whether uploads keep up. */
    public ReadOnlyStringProperty healthTextProperty() {
        return status.healthTextProperty();
    }

    /** What quality Auto chose (or stepped down to) and why, with the figures. */
    public ReadOnlyStringProperty qualityTextProperty() {
        return status.qualityTextProperty();
    }

    /**
     * In local mode, what makes the stream's depth, live: "Depth: Depth-Anything-V2-Small", its download, approximate
     * depth and why, or "3D off (flat side by side)"; empty until the local server has started.
     */
    public ReadOnlyStringProperty depthTextProperty() {
        return depthText.getReadOnlyProperty();
    }

    /** The playlist URL of the current (or last) stream; empty before the first session exists. */
    public ReadOnlyStringProperty playlistUrlProperty() {
        return status.playlistUrlProperty();
    }

    /** The watch page of the current (or last) stream, for a browser or the QR code; empty with the playlist URL. */
    public ReadOnlyStringProperty watchUrlProperty() {
        return status.watchUrlProperty();
    }

    public ReadOnlyIntegerProperty chunksUploadedProperty() {
        return status.chunksUploadedProperty();
    }

    /** An error, warning or note across the top; null when there is none. */
    public ReadOnlyObjectProperty<Banner> bannerProperty() {
        return banner.getReadOnlyProperty();
    }

    // ---- actions ----

    public void dismissBanner() {
        banner.set(null);
    }

    /** Lists screens and windows again, then grabs their thumbnails; keeps the chosen one if it still exists. */
    public void refreshSources() {
        sources.refresh();
    }

    /** Creates the session and starts capturing the chosen source; the URL appears once the session exists. */
    public void startStreaming() {
        broadcasts.start(sources.selectedProperty().get(), inputs);
    }

    /** Stops gracefully: the last chunk is uploaded and the session ended; the URL stays. */
    public void stopStreaming() {
        broadcasts.stop();
    }

    /** For closing the window: the settings are written, then see {@link BroadcastController#shutdown()}. */
    public CompletableFuture<Void> shutdown() {
        ticker.stop();
        inputs.close();
        return broadcasts.shutdown();
    }

    /** For process exit, from any thread: the settings are written, then see {@link BroadcastController#stopForExit()}. */
    public void stopForExit() {
        inputs.flush();
        broadcasts.stopForExit();
    }
}
