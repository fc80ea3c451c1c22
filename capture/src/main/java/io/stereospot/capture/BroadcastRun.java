package io.stereospot.capture;

import io.stereospot.capture.ffmpeg.EncoderExit;
import io.stereospot.capture.ffmpeg.FfmpegProcess;
import io.stereospot.capture.ffmpeg.ProgressReport;
import io.stereospot.capture.ffmpeg.SegmentListReader;
import io.stereospot.capture.quality.QualityStep;
import io.stereospot.capture.session.PatientSessionEnd;
import io.stereospot.capture.source.CaptureSource;
import io.stereospot.capture.upload.ChunkUploader;
import io.stereospot.capture.upload.RetryPolicy;
import io.stereospot.contract.StreamSession;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state machine of one {@link Broadcast}. Every decision (start, stop, failure) runs on one control thread, so
 * the first stop reason wins and teardown happens once, in the order {@link #finish} gives. It owns the parts
 * {@link StartSequence} makes ({@link BroadcastParts}) and the one handoff between them, a finished chunk from the
 * segment-list watcher to the uploader ({@link #handOver}). {@link CaptureWatchdog}, {@link CredentialRenewal}
 * (renewal, else the stop before expiry), {@link UploadMonitor} and {@link ConversionStatusWatch} (the quota's end
 * on AWS) decide when it ends by itself; the watch also relays the server's view of the conversion while live;
 * {@link RunThreads} and {@link ListenerDispatch} (every listener call, in order, on its own thread) are its threads.
 */
final class BroadcastRun {

    private static final Logger LOG = LoggerFactory.getLogger(BroadcastRun.class);
    private static final Duration WATCHDOG_PERIOD = Duration.ofSeconds(1);
    /** No new frame for this long while FFmpeg runs: the grabber is stuck (window gone, display gone). */
    private static final long STALL_MS = 5000;
    private static final long FFMPEG_GRACE_MS = 10_000;
    private static final Duration VIDEO_EXIT_WAIT = Duration.ofSeconds(2);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(120);
    /** Ending the session outlasts an outage as long as a chunk's attempts would: it ends once the server is back. */
    private static final Duration END_PATIENCE = RetryPolicy.DEFAULT.maximumSpan();
    /** How long the listener may take over the last events before whoever waits on the end goes on. */
    private static final Duration LAST_EVENTS_TIMEOUT = Duration.ofSeconds(5);

    private final BroadcastSettings config;
    private final CaptureSettings settings;
    private final ListenerDispatch events;
    private final UploadMonitor uploads;
    private final CaptureWatchdog watchdog = new CaptureWatchdog(STALL_MS, System::nanoTime);
    private final RunThreads threads = new RunThreads();
    private final QualityControl quality;
    private final AtomicInteger lastHandedOver = new AtomicInteger(-1);

    private final AtomicReference<BroadcastState> state = new AtomicReference<>(BroadcastState.IDLE);
    private final CompletableFuture<BroadcastState> termination = new CompletableFuture<>();
    private final AtomicBoolean finishing = new AtomicBoolean();
    /** What the start made: complete once it is over, whichever step it got to. */
    private final CompletableFuture<BroadcastParts> started = new CompletableFuture<>();

    private volatile StopReason stopReason;
    private volatile StopReason requestedStop;
    private volatile String failureMessage;
    private volatile EncoderProgress lastProgress;
    private volatile CredentialRenewal renewal;
    /** Started once live and closed at the end, both on the control thread. */
    private ConversionStatusWatch statusWatch;
    /** The parts with the FFmpeg a step-down started, in place of the start's; null until one. */
    private volatile BroadcastParts steppedDown;

    BroadcastRun(BroadcastSettings config) {
        this.config = config;
        this.settings = config.capture();
        this.events = new ListenerDispatch(config.listener());
        this.quality = new QualityControl(settings.resolution().isAuto(), events);
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
                .run(new EncoderEvents(), uploads, (chunk, at) -> handOver(started.join(), chunk, at));
        BroadcastParts parts = outcome.parts();
        started.complete(parts);
        if (outcome.refused().isPresent()) {
            finish(outcome.refused().get().reason(), outcome.refused().get().sentence());
            return;
        }
        encoderRunning(parts);
        threads.every(WATCHDOG_PERIOD, this::watch);
        renewal = CredentialRenewal.forBroadcast(config, parts, events, threads.timers(),
                () -> requestStop(StopReason.CREDENTIALS_EXPIRING));
        statusWatch = new ConversionStatusWatch(config.sessions(), parts.session().sessionId(),
                status -> events.tell(l -> l.conversionStatus(status)), uploads::sessionEndedAtQuota).start();
    }

    /**
     * The one handoff, on the watcher's thread (or the control thread's last drain): a chunk the FFmpeg in {@code run}
     * finished goes to the uploader, numbered on from that FFmpeg's first index, once its stamp is final; it is also
     * the boundary a step-down waits for. FFmpeg, and so the first chunk, comes last in the start.
     */
    private void handOver(BroadcastParts run, SegmentListReader.CompletedChunk chunk, long completedAtNanos) {
        run.stamps().awaitFinal();
        int index = run.firstIndex() + chunk.index();
        run.uploader().submit(index, run.command().spoolDir().resolve(chunk.fileName()), completedAtNanos);
        lastHandedOver.accumulateAndGet(index, Math::max);
        quality.takeStepDown().ifPresent(next -> threads.decide(() -> stepDown(next)));
    }

    /** Control thread: FFmpeg again at {@code next}, from the next index ({@link StepDown}). */
    private void stepDown(QualityStep next) {
        if (finishing.get()) {
            return;
        }
        try {
            steppedDown = StepDown.make(config, parts(), next, lastHandedOver::get, new EncoderEvents(),
                    run -> (chunk, at) -> handOver(run.join(), chunk, at),
                    sentence -> events.tell(l -> l.qualityChosen(sentence)));
            encoderRunning(steppedDown);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Stepping down failed", e);
            finish(StopReason.ENCODER_FAILED, StopSentences.couldNotStart(e).sentence());
        }
    }

    /** An FFmpeg has just started: frames are awaited from now, its progress watched, its exit heard. */
    private void encoderRunning(BroadcastParts run) {
        watchdog.restart();
        quality.running(run.step(), run.video().ffmpegInput() == null);
        run.ffmpeg().exit().thenRun(() -> threads.decide(() -> onEncoderExit(run.ffmpeg())));
    }

    /** Timer thread, once a second: is the window still there, are frames still coming, do chunks wait? */
    private void watch() {
        if (finishing.get() || state.get().isTerminal()) {
            return;
        }
        uploads.tick(System.nanoTime());
        // Watched once FFmpeg runs: the start is over and made every part.
        PictureFeed video = parts().video();
        FfmpegProcess process = parts().ffmpeg();
        CaptureSource source = settings.source();
        video.ended(Duration.ZERO).or(() -> watchdog.check(source, () -> config.catalog().isAvailable(source),
                process.isAlive(), process::lastErrorLine).map(video::explainStall))
                .ifPresent(ending -> threads.decide(() -> finish(ending.reason(), ending.sentence())));
    }

    private void onEncoderExit(FfmpegProcess process) {
        if (finishing.get() || process.stopRequested() || process != parts().ffmpeg()) {
            return;
        }
        int status = process.exit().join();
        CaptureSource source = settings.source();
        // FFmpeg ends when the feed it reads ends: then the feed's sentence says why.
        Ending ending = parts().video().ended(VIDEO_EXIT_WAIT).orElseGet(() ->
                source instanceof CaptureSource.Window && !config.catalog().isAvailable(source)
                        ? new Ending(StopReason.SOURCE_LOST, StopSentences.sourceLost(source, true))
                        : new Ending(StopReason.ENCODER_FAILED,
                                EncoderExit.sentence(config.catalog().platform(), status, process.lastErrorLine())));
        finish(ending.reason(), ending.sentence());
    }

    /**
     * The one way out: stop FFmpeg, upload what is complete (unless uploads are what failed), end the session,
     * clean the spool, report. Runs once; later calls are ignored, so the first reason wins.
     */
    private void finish(StopReason reason, String sentence) {
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

    // ---- plumbing ----

    private void setState(BroadcastState next) {
        BroadcastState previous = state.getAndSet(next);
        if (previous != next) {
            LOG.debug("Broadcast {} -> {}", previous, next);
            events.tell(l -> l.stateChanged(next));
        }
    }

    /** The parts the start made so far: none until it is over. */
    private BroadcastParts parts() {
        BroadcastParts now = steppedDown;
        return now != null ? now : started.getNow(BroadcastParts.NONE);
    }

    private void shutdownThreads() {
        threads.shutdown();
        events.shutdown();
    }

    private final class EncoderEvents implements FfmpegProcess.Events {
        @Override
        public void progress(ProgressReport report) {
            EncoderProgress progress = EncoderProgress.of(report);
            lastProgress = progress;
            quality.progress(report, System.nanoTime());
            watchdog.frames(progress.frames());
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
            CaptureSource source = settings.source();
            if (CaptureWatchdog.mayMeanWindowGone(line, source) && !finishing.get()
                    && !config.catalog().isAvailable(source)) {
                threads.decide(() -> finish(StopReason.SOURCE_LOST, StopSentences.sourceLost(source, true)));
            }
        }
    }
}
