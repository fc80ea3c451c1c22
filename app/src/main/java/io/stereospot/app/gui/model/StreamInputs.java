package io.stereospot.app.gui.model;

import io.stereospot.app.gui.settings.AppSettings;
import io.stereospot.app.gui.settings.DepthChoice;
import io.stereospot.app.gui.settings.SettingsStore;
import io.stereospot.app.gui.settings.SettingsWriter;
import io.stereospot.capture.CaptureSettings;
import io.stereospot.capture.Resolution;
import io.stereospot.capture.ffmpeg.VideoEncoder;
import io.stereospot.capture.source.CaptureSource;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * What a person chooses before Start: audio, resolution, 3D format and depth, server and network access, and which
 * source was chosen last. Read from the settings file when the window opens and written back after changes (off the FX
 * thread, once they pause: see {@link SettingsWriter}) and at close, so the next run starts where this one left off.
 */
public final class StreamInputs implements AutoCloseable {

    /** Keystrokes come closer together than this, so a URL typed in one go is written once, after it. */
    static final Duration WRITE_AFTER_QUIET = Duration.ofMillis(500);

    private final SettingsWriter writer;
    private final StringProperty sourceId = new SimpleStringProperty(this, "sourceId");
    private final BooleanProperty systemAudio = new SimpleBooleanProperty(this, "systemAudio");
    private final BooleanProperty microphone = new SimpleBooleanProperty(this, "microphone");
    private final ObjectProperty<Resolution> resolution = new SimpleObjectProperty<>(this, "resolution");
    private final StringProperty mode = new SimpleStringProperty(this, "mode");
    private final StringProperty serverUrl = new SimpleStringProperty(this, "serverUrl");
    private final BooleanProperty lanAccess = new SimpleBooleanProperty(this, "lanAccess");
    private final BooleanProperty depthOn = new SimpleBooleanProperty(this, "depthOn");
    private final DoubleProperty depthStrengthPercent = new SimpleDoubleProperty(this, "depthStrengthPercent");
    private final DoubleProperty depthConvergence = new SimpleDoubleProperty(this, "depthConvergence");
    private final StringProperty depthModelFile = new SimpleStringProperty(this, "depthModelFile");
    private final StringProperty encoder = new SimpleStringProperty(this, "encoder");
    private final ReadOnlyBooleanWrapper localMode = new ReadOnlyBooleanWrapper(this, "localMode");
    /** A secret: kept for this run only, never written to the settings file. */
    private final StringProperty apiKey = new SimpleStringProperty(this, "apiKey", "");

    /** Loads the saved settings (defaults when there are none) and saves the changes from now on. */
    public StreamInputs(SettingsStore store) {
        this(store, WRITE_AFTER_QUIET);
    }

    /** @param writeAfterQuiet how long changes have to pause before they are written */
    StreamInputs(SettingsStore store, Duration writeAfterQuiet) {
        Objects.requireNonNull(store, "store");
        this.writer = new SettingsWriter(store::save, writeAfterQuiet);
        AppSettings saved = store.load();
        sourceId.set(saved.sourceId());
        systemAudio.set(saved.systemAudio());
        microphone.set(saved.microphone());
        resolution.set(saved.resolution());
        mode.set(saved.mode());
        serverUrl.set(saved.serverUrl());
        lanAccess.set(saved.lanAccess());
        depthOn.set(saved.depth().on());
        depthStrengthPercent.set(saved.depth().strengthPercent());
        depthConvergence.set(saved.depth().convergence());
        depthModelFile.set(saved.depth().modelFile());
        encoder.set(saved.encoder());
        localMode.bind(serverUrl.isEmpty().or(serverUrl.isNull()));
        for (var input : List.of(sourceId, systemAudio, microphone, resolution, mode, serverUrl, lanAccess, depthOn,
                depthStrengthPercent, depthConvergence, depthModelFile, encoder)) {
            input.addListener((o, was, now) -> save());
        }
    }

    /** The id of the last chosen screen or window ({@code screen:0}, {@code window:0x…}); empty = none yet. */
    StringProperty sourceIdProperty() {
        return sourceId;
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

    /** The API key a server open to others asks for when a broadcast starts; empty = none. Not saved. */
    public StringProperty apiKeyProperty() {
        return apiKey;
    }

    /** The typed API key without surrounding spaces; empty when none. */
    public String apiKey() {
        return apiKey.get() == null ? "" : apiKey.get().strip();
    }

    /** 3D depth in local mode; off = flat side by side ("3D off"). */
    public BooleanProperty depthOnProperty() {
        return depthOn;
    }

    /** The depth strength (divergence), % of the width of one view, 0–5. */
    public DoubleProperty depthStrengthPercentProperty() {
        return depthStrengthPercent;
    }

    /** The depth on the screen plane, 0 (far) – 1 (near). */
    public DoubleProperty depthConvergenceProperty() {
        return depthConvergence;
    }

    /** A depth model file the user has; empty = download the public model. */
    public StringProperty depthModelFileProperty() {
        return depthModelFile;
    }

    /** The depth settings as chosen now (values outside the window's ranges are brought inside them). */
    public DepthChoice depthChoice() {
        return new DepthChoice(depthOn.get(),
                Math.max(0, Math.min(DepthChoice.MAX_STRENGTH_PERCENT, depthStrengthPercent.get())),
                Math.max(0, Math.min(1, depthConvergence.get())), depthModelFile.get());
    }

    /** {@code auto} or an encoder's option name ({@code x264}, {@code nvenc}, …), as {@code --encoder} takes. */
    public StringProperty encoderProperty() {
        return encoder;
    }

    /** True when no server URL is set: the app runs the stream server itself. */
    public ReadOnlyBooleanProperty localModeProperty() {
        return localMode.getReadOnlyProperty();
    }

    /** The typed server URL without surrounding spaces; empty in local mode. */
    public String remoteServerUrl() {
        return serverUrl.get() == null ? "" : serverUrl.get().strip();
    }

    /** A sentence when the server URL cannot be used; empty when it can (or local mode). */
    public Optional<String> serverUrlProblem() {
        return ServerUrls.problem(serverUrl.get());
    }

    /** What the engine captures from {@code source} with these inputs. */
    public CaptureSettings toCaptureSettings(CaptureSource source) {
        return new CaptureSettings(source, resolution.get(), systemAudio.get(), microphone.get(),
                CaptureSettings.DEFAULT_FPS, CaptureSettings.DEFAULT_CHUNK_DURATION_MS, null, mode.get(), null,
                VideoEncoder.parse(encoder.get()).orElse(null));
    }

    private void save() {
        writer.write(new AppSettings(sourceId.get(), systemAudio.get(), microphone.get(), resolution.get(),
                mode.get(), serverUrl.get(), lanAccess.get(), depthChoice(), encoder.get()));
    }

    /** Writes a change still waiting for its quiet period now, and waits for it (the process exits). */
    public void flush() {
        writer.flush();
    }

    /** {@link #flush()}; later changes are not saved (the window closes). */
    @Override
    public void close() {
        writer.close();
    }
}
