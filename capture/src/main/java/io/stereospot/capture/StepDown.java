package io.stereospot.capture;

import io.stereospot.capture.ffmpeg.FfmpegCommand;
import io.stereospot.capture.ffmpeg.FfmpegProcess;
import io.stereospot.capture.ffmpeg.SegmentListWatcher;
import io.stereospot.capture.quality.QualityStep;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step-down (issue 27), made with an overlap so the join costs only its seam. Ending the old FFmpeg at a boundary
 * and then starting the new one left a 2.4-4.9 s hole here: the new one's start-up on top of the backlog the
 * overloaded encoder had when it finished its last chunk. So the new FFmpeg (lower step, a folder of its own) is
 * started while the old one still runs, one start-up time before a boundary of the old one's chunks; the old one is
 * ended once it has listed the chunk ending there, and the new one's chunk 0 is the next index. The start-up time is
 * measured just before, by starting the new command twice and ending it at its first frame ({@link #startupMs}): the
 * broadcast's own first start is no guide (0.6-2.0 s cold here, against 0.1-0.3 s for a later start), nor is the
 * first trial (452 ms where the start that followed took 151 ms). The new FFmpeg's frames before the boundary
 * repeat a little, or its late start leaves a little hole: the seam, measured from both runs' first-frame stamps and
 * told once both are known. Indices stay contiguous and the uploader keeps its one order ({@link ChunkHandoff}).
 */
final class StepDown {

    private static final Logger LOG = LoggerFactory.getLogger(StepDown.class);
    /** FFmpeg's start to its first frame where the trial start does not show it (no wall-clock start printed). */
    private static final long DEFAULT_STARTUP_MS = 1500;
    private static final long TRIAL_TIMEOUT_MS = 15_000;

    private final BroadcastParts old;
    private final QualityStep next;
    private final int firstIndex;
    private final int run;
    private final Instant boundary;
    private final Instant launchAt;
    private final long chunkMs;
    private final CompletableFuture<BroadcastParts> made = new CompletableFuture<>();
    /** True once the new FFmpeg has taken over, false if the broadcast ended first. */
    private final CompletableFuture<Boolean> switched = new CompletableFuture<>();

    private StepDown(BroadcastParts old, QualityStep next, int firstIndex, int run, Instant boundary,
            Instant launchAt, long chunkMs) {
        this.old = old;
        this.next = next;
        this.firstIndex = firstIndex;
        this.run = run;
        this.boundary = boundary;
        this.launchAt = launchAt;
        this.chunkMs = chunkMs;
    }

    /**
     * How long the command at {@code next} takes from its start to its first frame on this machine now: it is started
     * (in a folder of its own, nothing of it uploaded) and ended at its first frame, twice, off the caller's thread;
     * the second counts.
     */
    static CompletableFuture<Long> startupMs(BroadcastSettings config, BroadcastParts old, QualityStep next)
            throws IOException {
        return trial(config, old, next).thenCompose(first -> {
            try {
                return trial(config, old, next);
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        });
    }

    private static CompletableFuture<Long> trial(BroadcastSettings config, BroadcastParts old, QualityStep next)
            throws IOException {
        FfmpegCommand command = old.command().at(next.size(), next.fps(), old.spool().dir().resolve("startup-trial"));
        command.createFolders();
        FfmpegProcess trial = FfmpegProcess.start(config.catalog().launcher(), command.arguments(),
                config.catalog().processEnvironment(), new FfmpegProcess.Events() { });
        return trial.inputStarts().orTimeout(TRIAL_TIMEOUT_MS, TimeUnit.MILLISECONDS).handleAsync((starts, e) -> {
            trial.kill();
            long ms = starts == null ? 0 : starts.wallClockStart(command.pictureInput(), trial.startedAt())
                    .map(first -> Duration.between(trial.startedAt(), first).toMillis()).orElse(0L);
            LOG.info("A trial start at {} had its first frame after {} ms", next, ms);
            return ms > 0 ? ms : DEFAULT_STARTUP_MS;
        });
    }

    /**
     * The first boundary of {@code old}'s chunks that a new FFmpeg started now can still reach with its first frame.
     *
     * @param lastHandedOver the highest index handed over so far
     * @param run            the new FFmpeg's number among the broadcast's FFmpeg runs
     */
    static StepDown plan(BroadcastParts old, QualityStep next, long chunkMs, long startupMs, int lastHandedOver,
            int run, Instant now) {
        Instant oldZero = old.stamps().firstFrame();
        // Old chunk k-1 ends at the boundary: it must be one not yet handed over.
        int k = Math.max(lastHandedOver - old.firstIndex() + 2, 1);
        while (oldZero.plusMillis(k * chunkMs - startupMs).isBefore(now)) {
            k++;
        }
        Instant boundary = oldZero.plusMillis(k * chunkMs);
        LOG.info("Stepping down to {} at chunk {}: the new FFmpeg starts {} ms before the boundary", next,
                old.firstIndex() + k, startupMs);
        return new StepDown(old, next, old.firstIndex() + k, run, boundary, boundary.minusMillis(startupMs), chunkMs);
    }

    /** How long from {@code now} until the new FFmpeg is started. */
    Duration untilLaunch(Instant now) {
        Duration wait = Duration.between(now, launchAt);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    int run() {
        return run;
    }

    boolean launched() {
        return made.isDone();
    }

    /**
     * Control thread: the new FFmpeg starts in its own folder; its stamps reach the chunk store only at the switch.
     *
     * @param handOver the run's handoff for the new FFmpeg's chunks, given its parts
     */
    void launch(BroadcastSettings config, FfmpegProcess.Events encoderEvents,
            Function<CompletableFuture<BroadcastParts>, SegmentListWatcher.Listener> handOver) throws IOException {
        FfmpegCommand command = old.command().at(next.size(), next.fps(),
                old.spool().dir().resolve(String.format(Locale.ROOT, "from-%05d", firstIndex)));
        command.createFolders();
        SegmentListWatcher segments = new SegmentListWatcher(command.segmentList(), handOver.apply(made));
        ChunkStamps stamps = ChunkStamps.forStepDown(old.chunkStore(), chunkMs, Instant.now(), firstIndex);
        FfmpegProcess ffmpeg = FfmpegProcess.start(config.catalog().launcher(), command.arguments(),
                config.catalog().processEnvironment(), encoderEvents);
        stamps.follow(ffmpeg.inputStarts(), command.pictureInput(), ffmpeg.startedAt());
        made.complete(old.steppedDown(segments, stamps, ffmpeg, command, next, firstIndex));
    }

    boolean isOld(BroadcastParts parts) {
        return parts == old;
    }

    boolean isNew(BroadcastParts parts) {
        return parts == made.getNow(null);
    }

    /**
     * Whether the old FFmpeg's chunk {@code index} is uploaded: the new FFmpeg's chunks replace those from the
     * boundary on, unless the broadcast ended before it took over (then the old one's last chunks are all there is).
     */
    boolean oldKeeps(int index) {
        return index < firstIndex || Boolean.FALSE.equals(switched.getNow(null));
    }

    /** The old FFmpeg's chunk that ends at the boundary: once it is handed over, the new FFmpeg takes over. */
    boolean isLastOfOld(int index) {
        return index == firstIndex - 1;
    }

    /** The new FFmpeg's watcher: its chunks wait for the switch; false if the broadcast ended before it. */
    boolean awaitSwitch() {
        return switched.join();
    }

    /**
     * Control thread, the new FFmpeg started: the old one is ended (the part of a chunk it had past the boundary is
     * dropped), its list read to the end, and the new one's parts are the broadcast's from now on.
     *
     * @param told hears the sentence on the join, with its seam
     */
    BroadcastParts switchOver(Consumer<String> told) {
        BroadcastParts now = made.join();
        old.ffmpeg().kill();
        old.segments().close();
        old.segments().drain();
        now.stamps().apply();
        switched.complete(true);
        now.stamps().whenFinal().thenRun(() -> {
            long seamMs = Duration.between(boundary, now.stamps().firstFrame()).toMillis();
            String sentence = String.format(Locale.ROOT, "Quality Auto stepped down from %s to %s at chunk %d "
                    + "to keep the stream smooth; the sound %s about %.1f s at that join.", old.step().spoken(),
                    next.spoken(), firstIndex, seamMs < 0 ? "repeats" : "skips", Math.abs(seamMs) / 1000.0);
            LOG.info("{} (seam {} ms: the new FFmpeg's first frame after the old one's last chunk)", sentence,
                    seamMs);
            told.accept(sentence);
        });
        return now;
    }

    /** The broadcast ends first: a new FFmpeg already started goes, and its chunks with it. */
    void abandon() {
        if (switched.complete(false)) {
            BroadcastParts started = made.getNow(null);
            if (started != null) {
                started.ffmpeg().kill();
                started.segments().close();
            }
        }
    }
}
