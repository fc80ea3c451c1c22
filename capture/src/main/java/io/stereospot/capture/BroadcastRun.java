package io.stereospot.capture;

import io.stereospot.capture.ffmpeg.FfmpegProcess;
import io.stereospot.capture.ffmpeg.ProgressReport;
import io.stereospot.capture.session.PatientSessionEnd;
import io.stereospot.capture.upload.ChunkUploader;
import io.stereospot.capture.upload.RetryPolicy;
import io.stereospot.contract.StreamSession;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state machine of one {@link Broadcast}. Every decision (start, stop, failure) runs on one control thread, so
 * the first stop reason wins and teardown happens once, in the order {@link #finish} gives. It owns the parts
 * {@link StartSequence} makes ({@link BroadcastParts}), handed over chunk by chunk by {@link ChunkHandoff}, and a
 * step-down's FFmpeg ({@link StepDown}). {@link CaptureWatchdog}, {@link CredentialRenewal}
 * (renewal, else the stop before expiry), {@link UploadMonitor} and {@link ConversionStatusWatch} (the quota's end
 * on AWS) decide when it ends by itself; the watch also relays the server's view of the conversion while live;
 * {@link RunThreads} and {@link ListenerDispatch} (every listener call, in order, on its own thread) are its threads.
 */
final class BroadcastRun implements ChunkHandoff.Owner {

    private static final Logger LOG = LoggerFactory.getLogger(BroadcastRun.class);
    private static final Duration WATCHDOG_PERIOD = Duration.ofSeconds(1);
    private static final long FFMPEG_GRACE_MS = 10_000;
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(120);
    /** Ending the session outlasts an outage as long as a chunk's attempts would: it ends once the server is back. */
    private static final Duration END_PATIENCE = RetryPolicy.DEFAULT.maximumSpan();
    /** How long the listener may take over the last events before whoever waits on the end goes on. */
    private static final Duration LAST_EVENTS_TIMEOUT = Duration.ofSeconds(5);

    private final BroadcastSettings config;
    private final CaptureSettings settings;
    private final ListenerDispatch events;
    private final UploadMonitor uploads;
    private final CaptureEndings endings;
    private final RunThreads threads = new RunThreads();
    private final QualityControl quality;
    private final ChunkHandoff handoff;

    private final AtomicReference<BroadcastState> state = new AtomicReference<>(BroadcastState.IDLE);
    private final CompletableFuture<BroadcastState> termination = new CompletableFuture<>();
    private final AtomicBoolean finishing = new AtomicBoolean();

    private volatile StopReason stopReason;
    private volatile StopReason requestedStop;
    private volatile String failureMessage;
    private volatile EncoderProgress lastProgress;
    private volatile CredentialRenewal renewal;
    /** Started once live and closed at the end, both on the control thread. */
    private ConversionStatusWatch statusWatch;

    BroadcastRun(BroadcastSettings config) {
        this.config = config;
        this.settings = config.capture();
        this.events = new ListenerDispatch(config.listener());
        this.endings = new CaptureEndings(config.catalog(), settings.source());
        this.quality = new QualityControl(settings.resolution().isAuto(), events);
        this.handoff = new ChunkHandoff(config, threads, quality, endings, this);
        this.uploads = new UploadMonitor(events, config.retryPolicy().maxAttempts(), config.spoolLimit(),
                () -> parts().uploader(), (reason, sentence) -> threads.decide(() -> finish(reason, sentence)));
    }

    // ---- public surface (any thread) ----

    void start() {
        if (!state.compareAndSet(BroadcastState.IDLE, BroadcastState.STARTING)) {
            throw new IllegalStateException("A broadcast runs once; this one is " + state.get());
        }
        events.tell(l -> l.stateChanged(BroadcastState.STARTING));
        threads.decide(this::begin);
    }

    BroadcastState stop(StopReason reason) {
        requestStop(reason);
        if (events.onListenerThread()) {
            // Called from a listener: waiting here would hold up the very events the stop has to deliver.
            return state.get();
        }
        return termination.join();
    }

    void requestStop(StopReason reason) {
        if (state.compareAndSet(BroadcastState.IDLE, BroadcastState.STOPPED)) {
            stopReason = reason;
            termination.complete(BroadcastState.STOPPED);
            shutdownThreads();
            return;
        }
        if (requestedStop == null) {
            requestedStop = reason;
        }
        uploads.stopRequested();
        threads.decide(() -> finish(reason, null));
    }

    CompletableFuture<BroadcastState> termination() {
        return termination.copy();
    }

    BroadcastState state() {
        return state.get();
    }

    Optional<StreamSession> session() {
        return Optional.ofNullable(parts().session());
    }

    Optional<StopReason> stopReason() {
        return Optional.ofNullable(stopReason);
    }

    Optional<String> failureMessage() {
        return Optional.ofNullable(failureMessage);
    }

    Optional<EncoderProgress> encoderProgress() {
        return Optional.ofNullable(lastProgress);
    }

    String lastEncoderError() {
        FfmpegProcess process = parts().ffmpeg();
        return process == null ? "" : process.lastError();
    }

    int chunksUploaded() {
        return uploads.chunksUploaded();
    }

    // ---- control thread ----

    private void begin() {
        StartSequence.Outcome outcome = new StartSequence(config, events, () -> requestedStop)
                .run(encoderEvents(0), uploads, handoff.forStart());
        BroadcastParts parts = outcome.parts();
        handoff.started(parts);
        if (outcome.refused().isPresent()) {
            finish(outcome.refused().get().reason(), outcome.refused().get().sentence());
            return;
        }
        handoff.encoderRunning(parts);
        threads.every(WATCHDOG_PERIOD, this::watch);
        renewal = CredentialRenewal.forBroadcast(config, parts, events, threads.timers(),
                () -> requestStop(StopReason.CREDENTIALS_EXPIRING));
        statusWatch = new ConversionStatusWatch(config.sessions(), parts.session().sessionId(),
                status -> events.tell(l -> l.conversionStatus(status)), uploads::sessionEndedAtQuota).start();
    }

    /** Timer thread, once a second: is the window still there, are frames still coming, do chunks wait? */
    private void watch() {
        if (finishing.get() || state.get().isTerminal()) {
            return;
        }
        uploads.tick(System.nanoTime());
        // Watched once FFmpeg runs: the start is over and made every part.
        endings.check(parts()).ifPresent(ending -> threads.decide(() -> finish(ending.reason(), ending.sentence())));
    }

    /**
     * The one way out: stop FFmpeg, upload what is complete (unless uploads are what failed), end the session,
     * clean the spool, report. Runs once; later calls are ignored, so the first reason wins.
     */
    @Override
    public void finish(StopReason reason, String sentence) {
        if (!finishing.compareAndSet(false, true)) {
            return;
        }
        stopReason = reason;
        failureMessage = sentence;
        BroadcastState before = state.get();
        if (before == BroadcastState.STARTING || before == BroadcastState.LIVE) {
            setState(BroadcastState.STOPPING);
        }
        LOG.info("Stopping ({}){}", reason, sentence == null ? "" : ": " + sentence);
        threads.cancelTimers();
        Optional.ofNullable(renewal).ifPresent(CredentialRenewal::close);
        Optional.ofNullable(statusWatch).ifPresent(ConversionStatusWatch::close);
        handoff.abandon();

        ChunkUploader up = parts().uploader();
        boolean uploadRest = !reason.endsUploads() && up != null && !up.isAborted();
        parts().stopCapture(uploadRest, FFMPEG_GRACE_MS);
        Optional<String> uploadFailure = uploads.finish(uploadRest, DRAIN_TIMEOUT);
        if (uploadFailure.isPresent() && !reason.isFailure()) {
            stopReason = reason = StopReason.UPLOAD_FAILED;
            failureMessage = sentence = uploadFailure.get();
        }
        endSession();
        Optional.ofNullable(parts().spool()).ifPresent(Spool::clean);

        BroadcastState last = reason.isFailure() ? BroadcastState.FAILED : BroadcastState.STOPPED;
        if (last == BroadcastState.FAILED) {
            StopReason failedReason = reason;
            String failedSentence = sentence == null ? StopSentences.failed(reason) : sentence;
            failureMessage = failedSentence;
            events.tell(l -> l.failed(failedReason, failedSentence));
        } else {
            Optional.ofNullable(sentence).ifPresent(why -> events.tell(l -> l.warning(why))); // e.g. the quota
        }
        setState(last);
        // Let the listener hear everything before anyone waiting on termination goes on.
        events.close(LAST_EVENTS_TIMEOUT);
        termination.complete(last);
        shutdownThreads();
    }

    private void endSession() {
        StreamSession created = parts().session();
        if (created != null) {
            PatientSessionEnd.endOrWarn(config.sessions(), created.sessionId(), created.renewal(), END_PATIENCE,
                    sentence -> events.tell(l -> l.warning(sentence)));
        }
    }

    // ---- what its FFmpeg runs ask (ChunkHandoff), on the control thread ----

    @Override
    public boolean finishing() {
        return finishing.get();
    }

    @Override
    public FfmpegProcess.Events encoderEvents(int run) {
        return new EncoderEvents(run);
    }

    @Override
    public void told(String sentence) {
        events.tell(l -> l.qualityChosen(sentence));
    }

    // ---- plumbing ----

    private void setState(BroadcastState next) {
        BroadcastState previous = state.getAndSet(next);
        if (previous != next) {
            LOG.debug("Broadcast {} -> {}", previous, next);
            events.tell(l -> l.stateChanged(next));
        }
    }

    private BroadcastParts parts() {
        return handoff.parts();
    }

    private void shutdownThreads() {
        threads.shutdown();
        events.shutdown();
    }

    /** What FFmpeg run {@code run} tells, heard while it is the broadcast's (a step-down's, once it took over). */
    private final class EncoderEvents implements FfmpegProcess.Events {
        private final int run;

        EncoderEvents(int run) {
            this.run = run;
        }

        @Override
        public void progress(ProgressReport report) {
            if (!handoff.isLive(run)) {
                return;
            }
            EncoderProgress progress = EncoderProgress.of(report);
            lastProgress = progress;
            quality.progress(report, System.nanoTime());
            quality.takeStepDown().ifPresent(next -> threads.decide(() -> handoff.planStepDown(next)));
            endings.frames(progress.frames());
            if (progress.frames() > 0 && state.compareAndSet(BroadcastState.STARTING, BroadcastState.LIVE)) {
                events.tell(l -> l.stateChanged(BroadcastState.LIVE));
            }
            events.tell(l -> l.encoderProgress(progress));
            // Stream time, not wall time since FFmpeg was spawned: its start-up (seconds on a loaded machine) would
            // otherwise be taken out of the stream the user asked for.
            Duration max = settings.maxDuration();
            if (max != null && quality.streamMs(progress.outTimeMs()) >= max.toMillis() && requestedStop == null) {
                requestStop(StopReason.DURATION_REACHED);
            }
        }

        @Override
        public void stderrLine(String line) {
            if (handoff.isLive(run) && !finishing.get()) {
                endings.windowGone(line).ifPresent(e -> threads.decide(() -> finish(e.reason(), e.sentence())));
            }
        }
    }
}
