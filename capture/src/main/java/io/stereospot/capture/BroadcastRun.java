package io.stereospot.capture;

import io.stereospot.capture.ffmpeg.EncoderExit;
import io.stereospot.capture.ffmpeg.FfmpegCommand;
import io.stereospot.capture.ffmpeg.FfmpegProcess;
import io.stereospot.capture.ffmpeg.FrameSize;
import io.stereospot.capture.ffmpeg.ProgressReport;
import io.stereospot.capture.ffmpeg.SegmentListWatcher;
import io.stereospot.capture.session.PatientSessionEnd;
import io.stereospot.capture.session.SessionServiceException;
import io.stereospot.capture.source.AudioSource;
import io.stereospot.capture.source.CaptureSource;
import io.stereospot.capture.source.SourceCatalog;
import io.stereospot.capture.upload.ChunkUploader;
import io.stereospot.capture.upload.S3ChunkStore;
import io.stereospot.contract.StreamSession;
import io.stereospot.media.FfmpegBinaries;
import io.stereospot.media.MediaToolsUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The moving parts of one {@link Broadcast}. Every decision (start, stop, failure) runs on one control thread, so
 * the first stop reason wins and teardown happens once; listener calls go through one notifier thread, in order.
 */
final class BroadcastRun {

    private static final Logger LOG = LoggerFactory.getLogger(BroadcastRun.class);
    private static final long WATCHDOG_MS = 1000;
    /** No new frame for this long while FFmpeg runs: the grabber is stuck (window gone, display gone). */
    private static final long STALL_MS = 5000;
    private static final long FFMPEG_GRACE_MS = 10_000;
    private static final long DRAIN_TIMEOUT_MS = 120_000;
    /**
     * How long to keep trying to end the session while the server cannot be reached (a server restart takes a few
     * seconds), so a stream that stops while the server is briefly down still ends its session.
     */
    private static final long END_RETRY_MS = 20_000;

    private final Broadcast.Builder config;
    private final CaptureSettings settings;
    private final SourceCatalog catalog;
    private final BroadcastListener listener;

    private final ExecutorService control = Executors.newSingleThreadExecutor(daemon("broadcast-control"));
    private final ExecutorService notifier = Executors.newSingleThreadExecutor(task -> {
        Thread thread = daemon("broadcast-events").newThread(task);
        notifierThread = thread;
        return thread;
    });
    private volatile Thread notifierThread;
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, daemon("broadcast-timers"));
    private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();

    private final AtomicReference<BroadcastState> state = new AtomicReference<>(BroadcastState.IDLE);
    private final CompletableFuture<BroadcastState> termination = new CompletableFuture<>();
    private final AtomicBoolean finishing = new AtomicBoolean();
    private final AtomicInteger chunksUploaded = new AtomicInteger();

    private volatile StreamSession session;
    private volatile StopReason stopReason;
    private volatile StopReason requestedStop;
    private volatile String failureMessage;
    private volatile String uploadFailure;
    private volatile FfmpegProcess ffmpeg;
    private volatile ChunkUploader uploader;
    private volatile EncoderProgress lastProgress;
    private volatile long lastFrameCount = -1;
    private volatile long lastFrameAdvanceNanos;
    private Path spoolDir;
    private boolean spoolCreated;
    private volatile SegmentListWatcher segments;

    BroadcastRun(Broadcast.Builder config) {
        this.config = config;
        this.settings = config.settings;
        this.catalog = config.catalog;
        this.listener = config.listener;
    }

    // ---- public surface (any thread) ----

    void start() {
        if (!state.compareAndSet(BroadcastState.IDLE, BroadcastState.STARTING)) {
            throw new IllegalStateException("A broadcast runs once; this one is " + state.get());
        }
        tell(l -> l.stateChanged(BroadcastState.STARTING));
        control.execute(this::begin);
    }

    BroadcastState stop(StopReason reason) {
        requestStop(reason);
        if (Thread.currentThread() == notifierThread) {
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
        ChunkUploader up = uploader;
        if (up != null && up.inBackoff()) {
            // Stop must not wait out a backoff: that chunk (and so every later one) is given up.
            LOG.info("Stop during an upload retry: the retry is cancelled");
            up.abort();
        }
        submit(() -> finish(reason, null));
    }

    CompletableFuture<BroadcastState> termination() {
        return termination.copy();
    }

    BroadcastState state() {
        return state.get();
    }

    Optional<StreamSession> session() {
        return Optional.ofNullable(session);
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
        FfmpegProcess process = ffmpeg;
        return process == null ? "" : process.lastError();
    }

    int chunksUploaded() {
        return chunksUploaded.get();
    }

    // ---- control thread ----

    private void begin() {
        try {
            CaptureSource source = settings.source();
            Optional<String> problem = catalog.captureProblem(source);
            if (problem.isPresent()) {
                finish(StopReason.CAPTURE_UNSUPPORTED, problem.get());
                return;
            }
            catalog.platformWarning().ifPresent(w -> tell(l -> l.warning(w)));
            if (!catalog.isAvailable(source)) {
                finish(StopReason.SOURCE_LOST, sourceLostSentence(source, false));
                return;
            }
            List<AudioSource> audio = resolveAudio();
            if (requestedStop != null) {
                finish(requestedStop, null);
                return;
            }
            try {
                session = config.sessions.create(settings.mode());
            } catch (SessionServiceException e) {
                finish(e.isUnreachable() ? StopReason.SERVER_UNREACHABLE : StopReason.SERVER_REJECTED,
                        e.getMessage());
                return;
            }
            StreamSession created = session;
            tell(l -> l.sessionStarted(created));
            if (requestedStop != null) {
                finish(requestedStop, null);
                return;
            }
            spoolDir = prepareSpool(created.sessionId());
            FfmpegCommand command = new FfmpegCommand(catalog.platform(), FfmpegBinaries.ffmpeg(), source,
                    catalog.processEnvironment().get("DISPLAY"), audio, new FrameSize(settings.resolution().width(), settings.resolution().height()), settings.fps(),
                    settings.chunkDurationMs(), spoolDir);
            command.createFolders();
            uploader = new ChunkUploader(new S3ChunkStore(created.sessionId(), created.upload()),
                    config.retryPolicy, new UploadEvents());
            Path chunkDir = spoolDir;
            ChunkUploader up = uploader;
            segments = new SegmentListWatcher(command.segmentList(),
                    (chunk, completedAt) -> up.submit(chunk.index(), chunkDir.resolve(chunk.fileName()), completedAt));
            lastFrameAdvanceNanos = System.nanoTime();
            ffmpeg = FfmpegProcess.start(command.arguments(), catalog.processEnvironment(), new EncoderEvents());
            LOG.info("Capturing {} at {} into {}", source.id(), settings.resolution(), spoolDir);
            ffmpeg.exit().thenRun(() -> submit(this::onEncoderExit));
            scheduleTimers(created);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Broadcast could not start", e);
            StopReason reason = e instanceof IOException || e instanceof MediaToolsUnavailableException
                    ? StopReason.ENCODER_FAILED : StopReason.INTERNAL_ERROR;
            finish(reason, reason == StopReason.ENCODER_FAILED
                    ? "FFmpeg could not be started: " + e.getMessage()
                    : "The broadcast could not start: " + e);
        }
    }

    private List<AudioSource> resolveAudio() {
        List<AudioSource> audio = new ArrayList<>();
        if (!settings.systemAudio() && !settings.microphone()) {
            return audio;
        }
        List<AudioSource> available = catalog.audioSources();
        if (settings.systemAudio()) {
            available.stream().filter(a -> a.kind() == AudioSource.Kind.SYSTEM).findFirst().ifPresentOrElse(
                    audio::add, () -> tell(l -> l.warning(
                            "System audio cannot be captured on this computer: the stream carries "
                                    + (settings.microphone() ? "the microphone only." : "silence."))));
        }
        if (settings.microphone()) {
            available.stream().filter(a -> a.kind() == AudioSource.Kind.MICROPHONE).findFirst().ifPresentOrElse(
                    audio::add, () -> tell(l -> l.warning("No microphone was found: the stream carries "
                            + (audio.isEmpty() ? "silence." : "system audio only."))));
        }
        return audio;
    }

    private Path prepareSpool(String sessionId) throws IOException {
        Path base = settings.spoolDir();
        if (base == null) {
            base = Files.createTempDirectory("stereospot-spool-");
            spoolCreated = true;
        }
        // A folder per session: chunks or a list left by an earlier run can never be mistaken for this one's.
        return Files.createDirectories(base.resolve(sessionId));
    }

    private void scheduleTimers(StreamSession created) {
        scheduled.add(timers.scheduleWithFixedDelay(this::watch, WATCHDOG_MS, WATCHDOG_MS, TimeUnit.MILLISECONDS));
        if (settings.maxDuration() != null) {
            scheduled.add(timers.schedule(() -> requestStop(StopReason.DURATION_REACHED),
                    settings.maxDuration().toMillis(), TimeUnit.MILLISECONDS));
        }
        Instant expiresAt;
        try {
            expiresAt = created.upload().expiresAtInstant();
        } catch (RuntimeException e) {
            tell(l -> l.warning("The upload credentials carry no readable expiry time; the stream cannot stop"
                    + " before they expire."));
            return;
        }
        Instant now = config.clock.instant();
        long warnInMs = Duration.between(now, expiresAt.minus(config.credentialWarningLead)).toMillis();
        long stopInMs = Duration.between(now, expiresAt.minus(config.credentialStopLead)).toMillis();
        String at = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault()).format(expiresAt);
        long leadMinutes = Math.max(1, Duration.between(now, expiresAt).toMinutes());
        scheduled.add(timers.schedule(() -> tell(l -> l.warning("The upload credentials expire at " + at
                + " (in " + Math.min(leadMinutes, Math.max(1, config.credentialWarningLead.toMinutes()))
                + " min): the stream will stop by itself shortly before, cleanly.")),
                Math.max(0, warnInMs), TimeUnit.MILLISECONDS));
        scheduled.add(timers.schedule(() -> {
            tell(l -> l.warning("Stopping: the upload credentials expire at " + at
                    + " (a stream lasts at most as long as its credentials)."));
            requestStop(StopReason.CREDENTIALS_EXPIRING);
        }, Math.max(0, stopInMs), TimeUnit.MILLISECONDS));
    }

    /** Timer thread, once a second: is the window still there, are frames still coming? */
    private void watch() {
        BroadcastState now = state.get();
        if (finishing.get() || now.isTerminal()) {
            return;
        }
        CaptureSource source = settings.source();
        if (source instanceof CaptureSource.Window && !catalog.isAvailable(source)) {
            submit(() -> finish(StopReason.SOURCE_LOST, sourceLostSentence(source, true)));
            return;
        }
        long stalledMs = (System.nanoTime() - lastFrameAdvanceNanos) / 1_000_000;
        FfmpegProcess process = ffmpeg;
        if (process != null && process.isAlive() && stalledMs > STALL_MS) {
            String last = process.lastErrorLine();
            submit(() -> finish(source instanceof CaptureSource.Window ? StopReason.SOURCE_LOST
                    : StopReason.ENCODER_FAILED, "FFmpeg produced no new frame for " + stalledMs / 1000
                    + " s, so the broadcast stopped" + (last.isEmpty() ? "." : ". Its last message: " + last)));
        }
    }

    private void onEncoderExit() {
        FfmpegProcess process = ffmpeg;
        if (finishing.get() || process == null || process.stopRequested()) {
            return;
        }
        int status = process.exit().join();
        CaptureSource source = settings.source();
        if (source instanceof CaptureSource.Window && !catalog.isAvailable(source)) {
            finish(StopReason.SOURCE_LOST, sourceLostSentence(source, true));
            return;
        }
        finish(StopReason.ENCODER_FAILED, EncoderExit.sentence(catalog.platform(), status, process.lastErrorLine()));
    }

    /**
     * The one way out: stop FFmpeg, upload what is complete (unless uploads are what failed), end the session,
     * report. Runs once; later calls are ignored, so the first reason wins.
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
        scheduled.forEach(f -> f.cancel(false));

        ChunkUploader up = uploader;
        boolean uploadRest = reason != StopReason.UPLOAD_FAILED && up != null && !up.isAborted();
        FfmpegProcess process = ffmpeg;
        if (process != null) {
            if (uploadRest) {
                process.stop(FFMPEG_GRACE_MS);
            } else {
                process.kill();
            }
        }
        SegmentListWatcher watcher = segments;
        if (watcher != null) {
            watcher.close();
            if (uploadRest) {
                // FFmpeg has exited: its list is final. Read what the watcher has not reported yet.
                watcher.drain();
            }
        }
        if (up != null) {
            if (uploadRest) {
                up.finish();
            } else {
                up.abort();
            }
            awaitUploads(up);
            if (uploadFailure != null && !reason.isFailure()) {
                stopReason = reason = StopReason.UPLOAD_FAILED;
                failureMessage = sentence = uploadFailure;
            }
            up.close();
        }
        endSession(reason);
        cleanSpool();

        BroadcastState last = reason.isFailure() ? BroadcastState.FAILED : BroadcastState.STOPPED;
        if (last == BroadcastState.FAILED) {
            StopReason failedReason = reason;
            String failedSentence = sentence == null ? "The broadcast failed (" + reason + ")." : sentence;
            failureMessage = failedSentence;
            tell(l -> l.failed(failedReason, failedSentence));
        }
        setState(last);
        // Let the listener hear everything before anyone waiting on termination goes on.
        notifier.submit(() -> { });
        notifier.shutdown();
        try {
            notifier.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        termination.complete(last);
        shutdownThreads();
    }

    private void awaitUploads(ChunkUploader up) {
        try {
            long deadline = System.nanoTime() + DRAIN_TIMEOUT_MS * 1_000_000;
            // In short waits, so a Stop arriving meanwhile can still cut a backoff short.
            while (!up.awaitDone(Duration.ofMillis(50))) {
                if (System.nanoTime() > deadline) {
                    LOG.warn("Uploads did not finish within {} s; giving up on the rest", DRAIN_TIMEOUT_MS / 1000);
                    up.abort();
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            up.abort();
        }
    }

    private void endSession(StopReason reason) {
        StreamSession created = session;
        if (created == null) {
            return;
        }
        try {
            PatientSessionEnd.end(config.sessions, created.sessionId(), Duration.ofMillis(END_RETRY_MS));
        } catch (SessionServiceException e) {
            LOG.warn("Session {} could not be ended: {}", created.sessionId(), e.getMessage());
            tell(l -> l.warning("The session could not be ended, so players may keep waiting for more: "
                    + e.getMessage()));
        }
    }

    private void cleanSpool() {
        if (spoolDir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(spoolDir)) {
            // Deepest first, so each folder is empty when its turn comes.
            for (Path file : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(file);
            }
            if (spoolCreated) {
                Files.deleteIfExists(spoolDir.getParent());
            }
        } catch (IOException e) {
            LOG.warn("Could not clean the spool folder {}: {}", spoolDir, e.getMessage());
        }
    }

    private static String sourceLostSentence(CaptureSource source, boolean duringCapture) {
        if (source instanceof CaptureSource.Window w) {
            String name = w.title().isBlank() ? w.hexHandle() : "\"" + w.title() + "\"";
            return duringCapture
                    ? "The window " + name + " was closed or hidden, so there was nothing left to capture;"
                            + " the broadcast stopped."
                    : "The window " + name + " is not there any more (closed or hidden): pick another source.";
        }
        return "The screen " + source.id() + " cannot be captured any more; the broadcast stopped.";
    }

    // ---- plumbing ----

    private void setState(BroadcastState next) {
        BroadcastState previous = state.getAndSet(next);
        if (previous != next) {
            LOG.debug("Broadcast {} -> {}", previous, next);
            tell(l -> l.stateChanged(next));
        }
    }

    private void tell(Consumer<BroadcastListener> call) {
        try {
            notifier.execute(() -> {
                try {
                    call.accept(listener);
                } catch (RuntimeException e) {
                    LOG.warn("A broadcast listener failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Event after the end dropped");
        }
    }

    private void submit(Runnable task) {
        try {
            control.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Control task after the end dropped");
        }
    }

    private void shutdownThreads() {
        timers.shutdownNow();
        control.shutdown();
        notifier.shutdown();
    }

    private static ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private final class EncoderEvents implements FfmpegProcess.Events {
        @Override
        public void progress(ProgressReport report) {
            EncoderProgress progress = EncoderProgress.of(report);
            lastProgress = progress;
            if (progress.frames() > lastFrameCount) {
                lastFrameCount = progress.frames();
                lastFrameAdvanceNanos = System.nanoTime();
            }
            if (progress.frames() > 0 && state.compareAndSet(BroadcastState.STARTING, BroadcastState.LIVE)) {
                tell(l -> l.stateChanged(BroadcastState.LIVE));
            }
            tell(l -> l.encoderProgress(progress));
        }

        @Override
        public void stderrLine(String line) {
            // x11grab says this for every frame of a window that is unmapped or gone: check at once.
            if (line.contains("Cannot get the image data") && settings.source() instanceof CaptureSource.Window
                    && !finishing.get() && !catalog.isAvailable(settings.source())) {
                submit(() -> finish(StopReason.SOURCE_LOST, sourceLostSentence(settings.source(), true)));
            }
        }
    }

    private final class UploadEvents implements ChunkUploader.Events {
        @Override
        public void uploaded(int index, long bytes, long publishLatencyMs) {
            chunksUploaded.incrementAndGet();
            tell(l -> l.chunkUploaded(index, bytes, publishLatencyMs));
        }

        @Override
        public void failed(int index, String sentence) {
            uploadFailure = sentence;
            submit(() -> finish(StopReason.UPLOAD_FAILED, sentence));
        }

        @Override
        public void retrying(int index, int attempt, Duration delay, String reason) {
            tell(l -> l.warning(String.format(java.util.Locale.ROOT,
                    "Upload of chunk %d failed (attempt %d of %d): %s; trying again in %.1f s.", index, attempt,
                    config.retryPolicy.maxAttempts(), reason, delay.toMillis() / 1000.0)));
            if (requestedStop != null) {
                // A Stop is already under way: waiting out this backoff would only delay it.
                uploader.abort();
            }
        }
    }
}
