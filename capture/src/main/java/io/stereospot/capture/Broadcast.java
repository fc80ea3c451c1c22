package io.stereospot.capture;

import io.stereospot.capture.quality.QualityStep;
import io.stereospot.capture.session.SessionApi;
import io.stereospot.capture.upload.RetryPolicy;
import io.stereospot.capture.source.SourceCatalog;
import io.stereospot.contract.StreamSession;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One live stream: creates the session, runs FFmpeg into 5-second chunks, uploads them in order, ends the session.
 *
 * <p>{@link #start()} returns at once; progress arrives through the {@link BroadcastListener} from engine threads.
 * {@link #stop()} is graceful: FFmpeg finishes the partial chunk, every chunk is uploaded, then the session is
 * ended. A failure (upload, source lost, encoder, server) stops FFmpeg, ends the session and reports a sentence.
 * One instance runs once; create a new one for the next broadcast.
 */
public final class Broadcast implements AutoCloseable {

    private final BroadcastRun run;

    /** A broadcast on this computer's own display and sound system. */
    public Broadcast(CaptureSettings settings, SessionApi sessions, BroadcastListener listener) {
        this(builder(settings, sessions, listener).fixed());
    }

    private Broadcast(BroadcastSettings settings) {
        this.run = new BroadcastRun(settings);
    }

    public static Builder builder(CaptureSettings settings, SessionApi sessions, BroadcastListener listener) {
        return new Builder(settings, sessions, listener);
    }

    /**
     * Begins: STARTING (session created, FFmpeg started) then LIVE. Returns at once.
     *
     * @throws IllegalStateException when called more than once
     */
    public void start() {
        run.start();
    }

    /**
     * Stops gracefully and waits until it is done: the last partial chunk uploaded and the session ended
     * (STOPPED), or FAILED. A pending upload retry is cancelled at once; the chunk it was for is then not uploaded.
     * Safe to call in any state and more than once; before {@link #start()} it just moves to STOPPED. Called from a
     * {@link BroadcastListener} method it only asks for the stop and returns at once (it cannot wait there).
     *
     * @return the final state (the current one when called from a listener)
     */
    public BroadcastState stop() {
        return run.stop(StopReason.USER_REQUESTED);
    }

    /** Like {@link #stop()} but returns at once; {@link #termination()} completes when it is done. */
    public void requestStop() {
        run.requestStop(StopReason.USER_REQUESTED);
    }

    /** Completes with STOPPED or FAILED once the broadcast is over, whatever ended it. */
    public CompletableFuture<BroadcastState> termination() {
        return run.termination();
    }

    public BroadcastState state() {
        return run.state();
    }

    /** The session, once created. */
    public Optional<StreamSession> session() {
        return run.session();
    }

    /** Why it stopped (or is stopping); empty while it runs. */
    public Optional<StopReason> stopReason() {
        return run.stopReason();
    }

    /** The failure sentence, when FAILED. */
    public Optional<String> failureMessage() {
        return run.failureMessage();
    }

    /** The last lines FFmpeg wrote to stderr: the encoder's last error, for diagnostics. */
    public String lastEncoderError() {
        return run.lastEncoderError();
    }

    /** FFmpeg's latest progress report (encode speed, dropped frames), once it has made one. */
    public Optional<EncoderProgress> encoderProgress() {
        return run.encoderProgress();
    }

    /** How many chunks are stored so far. */
    public int chunksUploaded() {
        return run.chunksUploaded();
    }

    /** {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Options beyond the settings; the defaults are what the product uses. */
    public static final class Builder {
        private final CaptureSettings settings;
        private final SessionApi sessions;
        private final BroadcastListener listener;
        private SourceCatalog catalog;
        private Clock clock = Clock.systemUTC();
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private SpoolLimit spoolLimit = SpoolLimit.DEFAULT;
        private Duration credentialWarningLead = Duration.ofMinutes(10);
        private Duration credentialStopLead = Duration.ofSeconds(30);
        private Path encoderCache = Path.of(System.getProperty("java.io.tmpdir"), "stereospot-encoders.json");
        private QualityStep autoStart;

        private Builder(CaptureSettings settings, SessionApi sessions, BroadcastListener listener) {
            this.settings = Objects.requireNonNull(settings, "settings");
            this.sessions = Objects.requireNonNull(sessions, "sessions");
            this.listener = listener == null ? new BroadcastListener() { } : listener;
        }

        /** Where sources are found and FFmpeg gets its environment (tests: their own Xvfb and PulseAudio). */
        public Builder catalog(SourceCatalog value) {
            this.catalog = Objects.requireNonNull(value);
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        /** Attempts and backoff of each chunk's upload. */
        public Builder retryPolicy(RetryPolicy value) {
            this.retryPolicy = Objects.requireNonNull(value);
            return this;
        }

        /** How much may wait in the spool for upload before the broadcast stops (2 min, 512 MiB). */
        public Builder spoolLimit(SpoolLimit value) {
            this.spoolLimit = Objects.requireNonNull(value);
            return this;
        }

        /** How long before the credentials expire to warn (10 min) and to stop cleanly (30 s). */
        public Builder credentialLeads(Duration warnBefore, Duration stopBefore) {
            this.credentialWarningLead = Objects.requireNonNull(warnBefore);
            this.credentialStopLead = Objects.requireNonNull(stopBefore);
            return this;
        }

        /**
         * Where the encoder probe keeps its answers: the app gives a file in the user's data folder; without one,
         * the temporary folder.
         */
        public Builder encoderCache(Path file) {
            this.encoderCache = Objects.requireNonNull(file);
            return this;
        }

        /**
         * In Auto, start at {@code step} without the trial captures; overload still steps it down while streaming
         * (a test starts too high on purpose to see a step-down).
         */
        public Builder autoStartsAt(QualityStep step) {
            this.autoStart = Objects.requireNonNull(step);
            return this;
        }

        /** The broadcast, with these options fixed: changing the builder afterwards changes nothing in it. */
        public Broadcast build() {
            return new Broadcast(fixed());
        }

        /** The options as they are now, fixed. */
        BroadcastSettings fixed() {
            return new BroadcastSettings(settings, sessions, listener,
                    catalog == null ? SourceCatalog.forThisPlatform() : catalog, clock, retryPolicy, spoolLimit,
                    credentialWarningLead, credentialStopLead, encoderCache, autoStart);
        }
    }
}
