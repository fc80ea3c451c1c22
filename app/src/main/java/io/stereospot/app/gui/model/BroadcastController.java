package io.stereospot.app.gui.model;

import io.stereospot.app.gui.settings.DepthChoice;
import io.stereospot.capture.Broadcast;
import io.stereospot.capture.BroadcastState;
import io.stereospot.capture.CaptureSettings;
import io.stereospot.capture.EncoderProgress;
import io.stereospot.capture.StopReason;
import io.stereospot.contract.SessionStatus;
import io.stereospot.contract.StreamSession;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One broadcast at a time: Start, Stop, and the graceful stop on exit. Each Start opens a new generation, and
 * events carry the generation of their broadcast, so a late event of an earlier one is dropped instead of
 * touching the display of the current one. FX thread only, except {@link #stopForExit()}.
 */
public final class BroadcastController {

    private static final Logger LOG = LoggerFactory.getLogger(BroadcastController.class);

    private final BackgroundWork work;
    private final BroadcastLauncher launcher;
    private final Consumer<Banner> banners;
    private final LiveStatus status;
    private final ReadOnlyObjectWrapper<StreamPhase> phase = new ReadOnlyObjectWrapper<>(this, "phase",
            StreamPhase.IDLE);
    private final ReadOnlyBooleanWrapper stopDisabled = new ReadOnlyBooleanWrapper(this, "stopDisabled");
    private final ReadOnlyBooleanWrapper inputsLocked = new ReadOnlyBooleanWrapper(this, "inputsLocked");

    private long generation;
    private boolean stopRequested;
    private boolean remote;
    // volatile: stopForExit reads them from a shutdown hook
    private volatile Broadcast broadcast;
    private volatile Future<Broadcast> starting;
    private volatile boolean closing;

    BroadcastController(BackgroundWork work, BroadcastLauncher launcher, Clock clock, Consumer<Banner> banners) {
        this.work = Objects.requireNonNull(work, "work");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.banners = Objects.requireNonNull(banners, "banners");
        this.status = new LiveStatus(clock, phase.getReadOnlyProperty(), banners);
        stopDisabled.bind(phase.isNotEqualTo(StreamPhase.STARTING).and(phase.isNotEqualTo(StreamPhase.STREAMING)));
        inputsLocked.bind(phase.isNotEqualTo(StreamPhase.IDLE));
    }

    public ReadOnlyObjectProperty<StreamPhase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty stopDisabledProperty() {
        return stopDisabled.getReadOnlyProperty();
    }

    /** True while a broadcast runs: what to capture and how cannot change under it. */
    public ReadOnlyBooleanProperty inputsLockedProperty() {
        return inputsLocked.getReadOnlyProperty();
    }

    public LiveStatus status() {
        return status;
    }

    /** Creates the session and starts capturing {@code choice}; the URL appears once the session exists. */
    public void start(SourceChoice choice, StreamInputs inputs) {
        if (phase.get() != StreamPhase.IDLE || closing) {
            return;
        }
        if (choice == null) {
            banners.accept(Banner.error("Pick a screen or window to capture first."));
            return;
        }
        var urlProblem = inputs.serverUrlProblem();
        if (urlProblem.isPresent()) {
            banners.accept(Banner.error(urlProblem.get()));
            return;
        }
        CaptureSettings settings = inputs.toCaptureSettings(choice.source());
        String remoteUrl = inputs.remoteServerUrl();
        boolean lan = inputs.lanAccessProperty().get();
        DepthChoice depth = inputs.depthChoice();
        banners.accept(null); // what went wrong last time no longer applies
        status.begin(settings.chunkDurationMs());
        phase.set(StreamPhase.STARTING);
        long mine = ++generation;
        stopRequested = false;
        remote = !remoteUrl.isEmpty();
        FxBroadcastEvents events = new FxBroadcastEvents(this, mine, work::onFx);
        starting = work.run(() -> launcher.launch(settings, remoteUrl, lan, depth, events),
                b -> started(mine, b), e -> {
            if (mine != generation) {
                return;
            }
            LOG.warn("Could not start streaming", e);
            phase.set(StreamPhase.IDLE);
            banners.accept(Banner.error((remote ? "Streaming could not start: "
                    : "The stream server inside the app could not start: ") + StatusTexts.sentence(e)));
        });
    }

    private void started(long from, Broadcast b) {
        if (from != generation) {
            return;
        }
        // A fast failure (server unreachable) may already have been reported and ended this broadcast.
        broadcast = b.state().isTerminal() ? null : b;
        if (broadcast != null && (stopRequested || closing)) {
            stopInBackground(broadcast);
        }
    }

    /** Stops gracefully: the last chunk is uploaded and the session ended; the URL stays. */
    public void stop() {
        StreamPhase now = phase.get();
        if (now != StreamPhase.STARTING && now != StreamPhase.STREAMING) {
            return;
        }
        stopRequested = true;
        phase.set(StreamPhase.STOPPING);
        if (broadcast != null) {
            stopInBackground(broadcast);
        }
        // else: the start is still creating it; started() stops it.
    }

    private void stopInBackground(Broadcast b) {
        work.run(b::stop, state -> { }, e -> LOG.warn("Stopping the broadcast failed", e));
    }

    /**
     * For closing the window: stops a running broadcast gracefully (last chunk uploaded, session ended), then the
     * local server. Completes on a background thread when all of it is done.
     */
    public CompletableFuture<Void> shutdown() {
        closing = true;
        if (phase.get() != StreamPhase.IDLE) {
            banners.accept(Banner.info("Stopping: uploading the last chunk and ending the session…"));
        }
        return work.finish(this::stopForExit);
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
            } catch (ExecutionException | CancellationException e) {
                b = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (b != null) {
            b.stop();
        }
        launcher.close();
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
                // Stop pressed while it was starting: it goes live only to stop at once.
                status.live(!stopRequested);
                if (!stopRequested) {
                    phase.set(StreamPhase.STREAMING);
                }
            }
            case STOPPING -> phase.set(StreamPhase.STOPPING);
            case STOPPED, FAILED -> ended(state);
            default -> { }
        }
    }

    private void ended(BroadcastState state) {
        Broadcast b = broadcast;
        broadcast = null;
        starting = null;
        status.ended(state, b == null ? null : b.stopReason().orElse(null));
        phase.set(StreamPhase.IDLE);
    }

    void onSession(long from, StreamSession session) {
        if (from == generation) {
            status.session(session);
        }
    }

    void onChunk(long from, int index, long bytes, long publishLatencyMs) {
        if (from == generation) {
            status.chunk(index, bytes, publishLatencyMs);
        }
    }

    void onEncoderProgress(long from, EncoderProgress progress) {
        if (from == generation) {
            status.encoder(progress);
        }
    }

    void onUploadsWaiting(long from, Duration unreachableFor, int chunksWaiting) {
        if (from == generation) {
            status.uploadsWaiting(unreachableFor, chunksWaiting);
        }
    }

    void onUploadsRecovered(long from, Duration unreachableFor, int chunksWaiting) {
        if (from == generation) {
            status.uploadsRecovered(unreachableFor, chunksWaiting);
        }
    }

    void onConversionStatus(long from, SessionStatus conversion) {
        if (from == generation) {
            status.conversion(conversion);
        }
    }

    /** What the system's screen-sharing dialog gave (Wayland), shown for the broadcast. */
    void onSourceChosen(long from, String description) {
        if (from == generation) {
            banners.accept(Banner.info("Sharing: " + description));
        }
    }

    void onQualityChosen(long from, String sentence) {
        if (from == generation) {
            status.quality(sentence);
        }
    }

    void onWarning(long from, String sentence) {
        if (from == generation) {
            banners.accept(Banner.warning(sentence));
        }
    }

    void onFailed(long from, StopReason reason, String sentence) {
        if (from != generation) {
            return;
        }
        String text = sentence == null || sentence.isBlank() ? "Streaming stopped because of a problem." : sentence;
        if (reason == StopReason.SERVER_UNREACHABLE && remote) {
            text += " Check the server URL in Settings, or leave it empty to stream from this computer.";
        }
        banners.accept(Banner.error(text));
    }
}
