package io.stereospot.app.gui.model;

import io.stereospot.app.gui.local.LocalStreamServer;
import io.stereospot.app.gui.settings.AppSettings;
import io.stereospot.app.gui.settings.SettingsStore;
import io.stereospot.capture.Broadcast;
import io.stereospot.capture.BroadcastState;
import io.stereospot.capture.CaptureSettings;
import io.stereospot.capture.EncoderProgress;
import io.stereospot.capture.Resolution;
import io.stereospot.capture.StopReason;
import io.stereospot.capture.session.SessionClient;
import io.stereospot.capture.session.SessionService;
import io.stereospot.capture.source.CaptureSource;
import io.stereospot.capture.source.SourceCatalog;
import io.stereospot.contract.StreamSession;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.scene.image.Image;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the window shows and every action it offers. The view binds to the read-only properties and writes
 * only the inputs (source, switches, settings). Lives on the FX thread; slow work (listing sources, starting the
 * server and the broadcast, stopping) runs in one {@link Task} per action, and engine events come back through
 * {@link FxBroadcastEvents}.
 */
public final class MainViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(MainViewModel.class);
    /** The window's own title: it is not offered as something to capture (it would film itself). */
    public static final String WINDOW_TITLE = "StereoSpot Stream Capture";
    static final int THUMBNAIL_WIDTH_PX = 240;

    private final SourceCatalog catalog;
    private final SettingsStore settingsStore;
    private final LocalStreamServer localServer;
    private final Clock clock;
    private final ExecutorService work;

    // inputs, written by the view
    private final ObjectProperty<SourceChoice> selectedSource = new SimpleObjectProperty<>(this, "selectedSource");
    private final BooleanProperty systemAudio = new SimpleBooleanProperty(this, "systemAudio");
    private final BooleanProperty microphone = new SimpleBooleanProperty(this, "microphone");
    private final ObjectProperty<Resolution> resolution = new SimpleObjectProperty<>(this, "resolution");
    private final StringProperty mode = new SimpleStringProperty(this, "mode");
    private final StringProperty serverUrl = new SimpleStringProperty(this, "serverUrl");
    private final BooleanProperty lanAccess = new SimpleBooleanProperty(this, "lanAccess");

    // outputs
    private final ObservableList<SourceChoice> sources = FXCollections.observableArrayList();
    private final ObservableList<SourceChoice> sourcesView = FXCollections.unmodifiableObservableList(sources);
    private final ReadOnlyBooleanWrapper refreshing = new ReadOnlyBooleanWrapper(this, "refreshing");
    private final ReadOnlyObjectWrapper<StreamPhase> phase = new ReadOnlyObjectWrapper<>(this, "phase",
            StreamPhase.IDLE);
    private final ReadOnlyBooleanWrapper startDisabled = new ReadOnlyBooleanWrapper(this, "startDisabled");
    private final ReadOnlyBooleanWrapper stopDisabled = new ReadOnlyBooleanWrapper(this, "stopDisabled", true);
    private final ReadOnlyBooleanWrapper inputsLocked = new ReadOnlyBooleanWrapper(this, "inputsLocked");
    private final ReadOnlyBooleanWrapper localMode = new ReadOnlyBooleanWrapper(this, "localMode", true);
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText", "");
    private final ReadOnlyStringWrapper elapsedText = new ReadOnlyStringWrapper(this, "elapsedText", "");
    private final ReadOnlyStringWrapper healthText = new ReadOnlyStringWrapper(this, "healthText", "");
    private final ReadOnlyStringWrapper playlistUrl = new ReadOnlyStringWrapper(this, "playlistUrl", "");
    private final ReadOnlyIntegerWrapper chunksUploaded = new ReadOnlyIntegerWrapper(this, "chunksUploaded");
    private final ReadOnlyObjectWrapper<Banner> banner = new ReadOnlyObjectWrapper<>(this, "banner");

    // one broadcast at a time; FX thread only
    private long generation;
    // volatile: stopForExit reads them from a shutdown hook
    private volatile Broadcast broadcast;
    private volatile Future<Broadcast> starting;
    private boolean stopRequested;
    private volatile boolean closing;
    private Instant liveSince;
    private Instant credentialsExpireAt;
    private String lastLimitNotice;
    private long lastBytes;
    private long lastLatencyMs;
    private double encoderSpeed = -1;
    private long chunkDurationMs = CaptureSettings.DEFAULT_CHUNK_DURATION_MS;
    private String wantedSourceId;
    private final Timeline ticker;

    public MainViewModel(SourceCatalog catalog, SettingsStore settingsStore, LocalStreamServer localServer,
            Clock clock) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.settingsStore = Objects.requireNonNull(settingsStore, "settingsStore");
        this.localServer = Objects.requireNonNull(localServer, "localServer");
        this.clock = Objects.requireNonNull(clock, "clock");
        AtomicInteger threads = new AtomicInteger();
        this.work = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stereospot-gui-task-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });

        AppSettings saved = settingsStore.load();
        wantedSourceId = saved.sourceId();
        systemAudio.set(saved.systemAudio());
        microphone.set(saved.microphone());
        resolution.set(saved.resolution());
        mode.set(saved.mode());
        serverUrl.set(saved.serverUrl());
        lanAccess.set(saved.lanAccess());
        localMode.bind(serverUrl.isEmpty().or(serverUrl.isNull()));

        phase.addListener((o, was, now) -> updateControls());
        selectedSource.addListener((o, was, now) -> updateControls());
        updateControls();
        for (var input : List.of(systemAudio, microphone, resolution, mode, serverUrl, lanAccess, selectedSource)) {
            input.addListener((o, was, now) -> saveSettings());
        }
        ticker = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> tick()));
        ticker.setCycleCount(Animation.INDEFINITE);
        ticker.play();
    }

    // ---- properties the view binds ----

    public ObjectProperty<SourceChoice> selectedSourceProperty() {
        return selectedSource;
    }

    public BooleanProperty systemAudioProperty() {
        return systemAudio;
    }

    public BooleanProperty microphoneProperty() {
        return microphone;
    }

    public ObjectProperty<Resolution> resolutionProperty() {
        return resolution;
    }

    public StringProperty modeProperty() {
        return mode;
    }

    public StringProperty serverUrlProperty() {
        return serverUrl;
    }

    public BooleanProperty lanAccessProperty() {
        return lanAccess;
    }

    public ObservableList<SourceChoice> sources() {
        return sourcesView;
    }

    public ReadOnlyBooleanProperty refreshingProperty() {
        return refreshing.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<StreamPhase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty startDisabledProperty() {
        return startDisabled.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty stopDisabledProperty() {
        return stopDisabled.getReadOnlyProperty();
    }

    /** True while a broadcast runs: what to capture and how cannot change under it. */
    public ReadOnlyBooleanProperty inputsLockedProperty() {
        return inputsLocked.getReadOnlyProperty();
    }

    /** True when no server URL is set: the app runs the stream server itself. */
    public ReadOnlyBooleanProperty localModeProperty() {
        return localMode.getReadOnlyProperty();
    }

    /** "Streaming… chunk N" while streaming; a summary after. */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty elapsedTextProperty() {
        return elapsedText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty healthTextProperty() {
        return healthText.getReadOnlyProperty();
    }

    /** The URL to paste into PotPlayer: set as soon as the session exists, kept after Stop. */
    public ReadOnlyStringProperty playlistUrlProperty() {
        return playlistUrl.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty chunksUploadedProperty() {
        return chunksUploaded.getReadOnlyProperty();
    }

    /** The sentence across the top, or null. */
    public ReadOnlyObjectProperty<Banner> bannerProperty() {
        return banner.getReadOnlyProperty();
    }

    public void dismissBanner() {
        banner.set(null);
    }

    // ---- actions ----

    /** Lists screens and windows again, then grabs their thumbnails; keeps the chosen one if it still exists. */
    public void refreshSources() {
        if (refreshing.get()) {
            return;
        }
        refreshing.set(true);
        if (selectedSource.get() != null) {
            wantedSourceId = selectedSource.get().id();
        }
        Task<List<SourceChoice>> list = new Task<>() {
            @Override
            protected List<SourceChoice> call() {
                List<SourceChoice> found = new ArrayList<>();
                for (CaptureSource source : catalog.videoSources()) {
                    if (!(source instanceof CaptureSource.Window w && w.title().equals(WINDOW_TITLE))) {
                        found.add(new SourceChoice(source));
                    }
                }
                return found;
            }
        };
        list.setOnSucceeded(e -> {
            List<SourceChoice> found = list.getValue();
            sources.setAll(found);
            SourceChoice keep = found.stream().filter(c -> c.id().equals(wantedSourceId)).findFirst()
                    .orElse(found.isEmpty() ? null : found.get(0));
            selectedSource.set(keep);
            if (found.isEmpty()) {
                banner.set(Banner.warning("Nothing to capture was found: no screen or window is visible."));
            }
            loadThumbnails(found);
        });
        list.setOnFailed(e -> {
            refreshing.set(false);
            banner.set(Banner.error("The screens and windows could not be listed: "
                    + sentence(list.getException())));
        });
        work.execute(list);
    }

    private void loadThumbnails(List<SourceChoice> choices) {
        Task<Void> thumbnails = new Task<>() {
            @Override
            protected Void call() {
                for (SourceChoice choice : choices) {
                    Image image = null;
                    try {
                        byte[] png = catalog.thumbnailPng(choice.source(), THUMBNAIL_WIDTH_PX);
                        image = new Image(new ByteArrayInputStream(png));
                    } catch (RuntimeException e) {
                        // A window can close between listing and grabbing; the tile keeps its placeholder.
                        LOG.debug("No thumbnail for {}: {}", choice.id(), e.getMessage());
                    }
                    Image shown = image;
                    Platform.runLater(() -> choice.setThumbnail(shown));
                }
                return null;
            }
        };
        thumbnails.setOnSucceeded(e -> refreshing.set(false));
        thumbnails.setOnFailed(e -> refreshing.set(false));
        work.execute(thumbnails);
    }

    /** Creates the session and starts capturing the chosen source; the URL appears once the session exists. */
    public void startStreaming() {
        if (phase.get() != StreamPhase.IDLE || closing) {
            return;
        }
        SourceChoice choice = selectedSource.get();
        if (choice == null) {
            banner.set(Banner.error("Pick a screen or window to capture first."));
            return;
        }
        var urlProblem = ServerUrls.problem(serverUrl.get());
        if (urlProblem.isPresent()) {
            banner.set(Banner.error(urlProblem.get()));
            return;
        }
        banner.set(null);
        playlistUrl.set("");
        resetCounters();
        statusText.set("Starting…");
        phase.set(StreamPhase.STARTING);
        long mine = ++generation;
        stopRequested = false;
        CaptureSettings settings = new CaptureSettings(choice.source(), resolution.get(), systemAudio.get(),
                microphone.get(), CaptureSettings.DEFAULT_FPS, CaptureSettings.DEFAULT_CHUNK_DURATION_MS, null,
                mode.get(), null);
        chunkDurationMs = settings.chunkDurationMs();
        String remote = serverUrl.get() == null ? "" : serverUrl.get().strip();
        boolean lan = lanAccess.get();
        FxBroadcastEvents events = new FxBroadcastEvents(this, mine);
        Task<Broadcast> start = new Task<>() {
            @Override
            protected Broadcast call() {
                SessionService sessions;
                if (remote.isEmpty()) {
                    LocalStreamServer.Started local = localServer.ensureRunning(lan);
                    local.warningSentence().ifPresent(w -> events.warning(w));
                    sessions = new SessionClient(local.server().baseUrl());
                } else {
                    sessions = new SessionClient(URI.create(remote));
                }
                // The window says "10 minutes left" itself (see tick), so the engine's own credential warning
                // is moved to the expiry instant, which the clean stop 30 s before always pre-empts.
                Broadcast b = Broadcast.builder(settings, sessions, events).catalog(catalog).clock(clock)
                        .credentialLeads(Duration.ZERO, Duration.ofSeconds(30)).build();
                b.start();
                return b;
            }
        };
        start.setOnSucceeded(e -> {
            if (mine != generation) {
                return;
            }
            Broadcast b = start.getValue();
            // A fast failure (server unreachable) may already have been reported and ended this broadcast.
            broadcast = b.state().isTerminal() ? null : b;
            if (broadcast != null && (stopRequested || closing)) {
                stopInBackground(broadcast);
            }
        });
        start.setOnFailed(e -> {
            if (mine != generation) {
                return;
            }
            LOG.warn("Could not start streaming", start.getException());
            phase.set(StreamPhase.IDLE);
            statusText.set("");
            banner.set(Banner.error((remote.isEmpty()
                    ? "The stream server inside the app could not start: "
                    : "Streaming could not start: ") + sentence(start.getException())));
        });
        starting = start;
        work.execute(start);
    }

    /** Stops gracefully: the last chunk is uploaded and the session ended; the URL stays. */
    public void stopStreaming() {
        StreamPhase now = phase.get();
        if (now != StreamPhase.STARTING && now != StreamPhase.STREAMING) {
            return;
        }
        stopRequested = true;
        phase.set(StreamPhase.STOPPING);
        statusText.set("Stopping: uploading the last chunk…");
        if (broadcast != null) {
            stopInBackground(broadcast);
        }
        // else: the start task is still creating it; its success handler stops it.
    }

    private void stopInBackground(Broadcast b) {
        work.execute(new Task<BroadcastState>() {
            @Override
            protected BroadcastState call() {
                return b.stop();
            }
        });
    }

    /**
     * For closing the window: stops a running broadcast gracefully (last chunk uploaded, session ended), then the
     * local server. Completes on a background thread when all of it is done.
     */
    public CompletableFuture<Void> shutdown() {
        closing = true;
        ticker.stop();
        if (phase.get() != StreamPhase.IDLE) {
            banner.set(Banner.info("Stopping: uploading the last chunk and ending the session…"));
        }
        return CompletableFuture.runAsync(this::stopForExit, work).whenComplete((ok, error) -> work.shutdown());
    }

    /**
     * Stops a running (or starting) broadcast gracefully and then the local server, on the calling thread. For
     * process exit (Ctrl-C, SIGTERM): by then the FX thread no longer runs anything it is handed. Idempotent.
     */
    public void stopForExit() {
        closing = true;
        Broadcast b = broadcast;
        Future<Broadcast> pending = starting;
        if (b == null && pending != null) {
            try {
                b = pending.get();
            } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                b = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (b != null) {
            b.stop();
        }
        localServer.close();
    }

    // ---- engine events, on the FX thread (from FxBroadcastEvents) ----

    void onState(long from, BroadcastState state) {
        if (from != generation) {
            return;
        }
        switch (state) {
            case STARTING -> {
                if (!stopRequested) {
                    phase.set(StreamPhase.STARTING);
                }
            }
            case LIVE -> {
                liveSince = clock.instant();
                if (stopRequested) {
                    // Stop was pressed while it was starting: it goes live only to stop at once.
                    return;
                }
                phase.set(StreamPhase.STREAMING);
                statusText.set(StatusTexts.streaming(chunksUploaded.get()));
                elapsedText.set(StatusTexts.elapsed(Duration.ZERO));
                healthText.set(StatusTexts.health(0, 0, 0, -1, chunkDurationMs));
            }
            case STOPPING -> {
                phase.set(StreamPhase.STOPPING);
                statusText.set("Stopping: uploading the last chunk…");
            }
            case STOPPED, FAILED -> ended(state);
            default -> { }
        }
    }

    private void ended(BroadcastState state) {
        Broadcast b = broadcast;
        StopReason reason = b == null ? null : b.stopReason().orElse(null);
        broadcast = null;
        starting = null;
        int chunks = chunksUploaded.get();
        String duration = liveSince == null ? null : StatusTexts.elapsed(Duration.between(liveSince, clock.instant()));
        liveSince = null;
        credentialsExpireAt = null;
        elapsedText.set("");
        healthText.set("");
        phase.set(StreamPhase.IDLE);
        if (state == BroadcastState.FAILED) {
            statusText.set(chunks == 0 ? "Not streaming" : "Stopped by a problem after " + chunks + " chunks");
        } else {
            statusText.set("Stopped" + (duration == null ? "" : " after " + duration) + " · " + chunks
                    + (chunks == 1 ? " chunk" : " chunks") + " uploaded");
        }
        if (reason == StopReason.CREDENTIALS_EXPIRING || reason == StopReason.DURATION_REACHED) {
            banner.set(Banner.info("The stream stopped at its " + StatusTexts.STREAM_LIMIT.toMinutes()
                    + "-minute limit. Press Start streaming for a new one (it gets a new URL)."));
        }
    }

    void onSession(long from, StreamSession session) {
        if (from != generation) {
            return;
        }
        playlistUrl.set(session.playlistUrl());
        try {
            credentialsExpireAt = session.upload().expiresAtInstant();
        } catch (RuntimeException e) {
            credentialsExpireAt = null;
        }
    }

    void onChunk(long from, int index, long bytes, long publishLatencyMs) {
        if (from != generation) {
            return;
        }
        chunksUploaded.set(index + 1);
        lastBytes = bytes;
        lastLatencyMs = publishLatencyMs;
        if (phase.get() == StreamPhase.STREAMING) {
            statusText.set(StatusTexts.streaming(chunksUploaded.get()));
        }
        healthText.set(StatusTexts.health(chunksUploaded.get(), lastBytes, lastLatencyMs, encoderSpeed,
                chunkDurationMs));
    }

    void onEncoderProgress(long from, EncoderProgress progress) {
        if (from != generation) {
            return;
        }
        encoderSpeed = progress.speed();
        if (chunksUploaded.get() > 0) {
            healthText.set(StatusTexts.health(chunksUploaded.get(), lastBytes, lastLatencyMs, encoderSpeed,
                    chunkDurationMs));
        }
    }

    void onWarning(long from, String sentence) {
        if (from == generation) {
            banner.set(Banner.warning(sentence));
        }
    }

    void onFailed(long from, StopReason reason, String sentence) {
        if (from != generation) {
            return;
        }
        String text = sentence == null || sentence.isBlank() ? "Streaming stopped because of a problem." : sentence;
        if (reason == StopReason.SERVER_UNREACHABLE && !localMode.get()) {
            text += " Check the server URL in Settings, or leave it empty to stream from this computer.";
        }
        banner.set(Banner.error(text));
    }

    /** Once a second: elapsed time and, in the last 10 minutes, the time limit. */
    void tick() {
        if (phase.get() != StreamPhase.STREAMING) {
            return;
        }
        Instant now = clock.instant();
        if (liveSince != null) {
            elapsedText.set(StatusTexts.elapsed(Duration.between(liveSince, now)));
        }
        if (credentialsExpireAt != null) {
            String notice = StatusTexts.limitNotice(Duration.between(now, credentialsExpireAt));
            if (notice != null && !notice.equals(lastLimitNotice)) {
                lastLimitNotice = notice;
                banner.set(Banner.warning(notice));
            }
        }
    }

    // ---- helpers ----

    private void resetCounters() {
        chunksUploaded.set(0);
        lastBytes = 0;
        lastLatencyMs = 0;
        encoderSpeed = -1;
        liveSince = null;
        credentialsExpireAt = null;
        lastLimitNotice = null;
        elapsedText.set("");
        healthText.set("");
    }

    private void updateControls() {
        StreamPhase now = phase.get();
        startDisabled.set(now != StreamPhase.IDLE || selectedSource.get() == null);
        stopDisabled.set(now != StreamPhase.STARTING && now != StreamPhase.STREAMING);
        inputsLocked.set(now != StreamPhase.IDLE);
    }

    private void saveSettings() {
        SourceChoice chosen = selectedSource.get();
        String sourceId = chosen != null ? chosen.id() : wantedSourceId;
        try {
            settingsStore.save(new AppSettings(sourceId, systemAudio.get(), microphone.get(), resolution.get(),
                    mode.get(), serverUrl.get(), lanAccess.get()));
        } catch (RuntimeException e) {
            LOG.warn("Settings not saved: {}", e.getMessage());
        }
    }

    private static String sentence(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t instanceof java.util.concurrent.CompletionException)) {
            t = t.getCause();
        }
        String text = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return text.endsWith(".") ? text : text + ".";
    }
}
