package io.stereospot.capture;

import io.stereospot.capture.ffmpeg.FfmpegProcess;
import io.stereospot.capture.ffmpeg.SegmentListReader;
import io.stereospot.capture.ffmpeg.SegmentListWatcher;
import io.stereospot.capture.quality.QualityStep;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broadcast's one handoff, a finished chunk from an FFmpeg's segment-list watcher to the uploader, numbered on from
 * that FFmpeg's first index, and the bookkeeping of which FFmpeg is the broadcast's. FFmpeg, and so the first chunk,
 * comes last in the start. During a step-down (issue 27) two FFmpegs run for a moment ({@link StepDown}): the old
 * one's chunks count up to the boundary, the new one's from there, once it has taken over, so the uploader still gets
 * every index once and in order. It also makes each FFmpeg the broadcast's, hears its exit, and starts a step-down's
 * FFmpeg, on the run's control thread.
 */
final class ChunkHandoff {

    /** What the run is asked or told about its FFmpeg runs, on its control thread. */
    interface Owner {
        boolean finishing();

        void finish(StopReason reason, String sentence);

        /** What FFmpeg run number {@code run} tells. */
        FfmpegProcess.Events encoderEvents(int run);

        /** A step-down's sentence on its join. */
        void told(String sentence);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ChunkHandoff.class);

    private final BroadcastSettings config;
    private final RunThreads threads;
    private final QualityControl quality;
    private final CaptureEndings endings;
    private final Owner owner;
    private final CompletableFuture<BroadcastParts> started = new CompletableFuture<>();
    private final AtomicInteger lastHandedOver = new AtomicInteger(-1);
    /** The parts with the FFmpeg a step-down started, in place of the start's; null until one. */
    private volatile BroadcastParts steppedDown;
    private volatile StepDown stepDown;
    /** Which FFmpeg of the broadcast is its own now: 0 for the start's, one more at each step-down. */
    private volatile int liveRun;

    ChunkHandoff(BroadcastSettings config, RunThreads threads, QualityControl quality, CaptureEndings endings,
            Owner owner) {
        this.config = config;
        this.threads = threads;
        this.quality = quality;
        this.endings = endings;
        this.owner = owner;
    }

    /** The start is over, with what it made. */
    void started(BroadcastParts parts) {
        started.complete(parts);
    }

    /** Control thread: an FFmpeg is the broadcast's from now: its frames awaited, its progress watched, exit heard. */
    void encoderRunning(BroadcastParts run) {
        endings.encoderStarted();
        quality.running(run.step(), run.video().ffmpegInput() == null,
                run.firstIndex() * config.capture().chunkDurationMs());
        run.ffmpeg().exit().thenRun(() -> threads.decide(() -> onEncoderExit(run.ffmpeg())));
    }

    private void onEncoderExit(FfmpegProcess process) {
        if (owner.finishing() || process.stopRequested() || process != parts().ffmpeg()) {
            return;
        }
        Ending ending = endings.exited(parts(), process.exit().join());
        owner.finish(ending.reason(), ending.sentence());
    }

    /** The parts with the FFmpeg whose chunks are uploaded now: none until the start is over. */
    BroadcastParts parts() {
        BroadcastParts now = steppedDown;
        return now != null ? now : started.getNow(BroadcastParts.NONE);
    }

    boolean isLive(int run) {
        return run == liveRun;
    }

    /** The handoff for the start's FFmpeg. */
    SegmentListWatcher.Listener forStart() {
        return forRun(started);
    }

    /** The handoff for an FFmpeg whose parts {@code run} gives once they exist. */
    SegmentListWatcher.Listener forRun(CompletableFuture<BroadcastParts> run) {
        return (chunk, at) -> handOver(run.join(), chunk, at);
    }

    /** On the watcher's thread (or the control thread's last drain), once the chunk's stamp is final. */
    private void handOver(BroadcastParts run, SegmentListReader.CompletedChunk chunk, long completedAtNanos) {
        run.stamps().awaitFinal();
        int index = run.firstIndex() + chunk.index();
        StepDown step = stepDown;
        boolean fromOld = step != null && step.isOld(run);
        if (fromOld && !step.oldKeeps(index) || step != null && step.isNew(run) && !step.awaitSwitch()) {
            return;
        }
        run.uploader().submit(index, run.command().spoolDir().resolve(chunk.fileName()), completedAtNanos);
        lastHandedOver.accumulateAndGet(index, Math::max);
        if (fromOld && step.isLastOfOld(index)) {
            threads.decide(this::switchOver);
        }
    }

    /** Control thread: the overload asks for {@code next}; its start-up is timed first ({@link StepDown}). */
    void planStepDown(QualityStep next) {
        if (owner.finishing()) {
            return;
        }
        try {
            StepDown.startupMs(config, parts(), next).whenComplete((ms, e) -> threads.decide(() -> {
                if (e != null) {
                    stepDownFailed(e);
                } else {
                    planStepDown(next, ms);
                }
            }));
        } catch (IOException | RuntimeException e) {
            stepDownFailed(e);
        }
    }

    private void stepDownFailed(Throwable e) {
        LOG.warn("Stepping down failed", e);
        Exception cause = e.getCause() instanceof Exception c ? c : e instanceof Exception x ? x : new IOException(e);
        owner.finish(StopReason.ENCODER_FAILED, StopSentences.couldNotStart(cause).sentence());
    }

    /** Control thread: the new FFmpeg is started one start-up time before a boundary. */
    private void planStepDown(QualityStep next, long startupMs) {
        if (!owner.finishing()) {
            Instant now = Instant.now();
            StepDown step = StepDown.plan(parts(), next, config.capture().chunkDurationMs(), startupMs,
                    lastHandedOver.get(), liveRun + 1, now);
            stepDown = step;
            threads.after(step.untilLaunch(now), () -> threads.decide(this::launchStepDown));
        }
    }

    private void launchStepDown() {
        StepDown step = stepDown;
        if (owner.finishing() || step.launched()) {
            return;
        }
        try {
            step.launch(config, owner.encoderEvents(step.run()), this::forRun);
        } catch (IOException | RuntimeException e) {
            stepDownFailed(e);
        }
    }

    /** Control thread, the old FFmpeg's last chunk handed over: the step-down's FFmpeg takes over. */
    private void switchOver() {
        launchStepDown();
        if (owner.finishing()) {
            return;
        }
        StepDown step = stepDown;
        BroadcastParts now = step.switchOver(owner::told);
        steppedDown = now;
        liveRun = step.run();
        encoderRunning(now);
    }

    /** The broadcast ends: a step-down's FFmpeg that has not taken over goes. */
    void abandon() {
        StepDown step = stepDown;
        if (step != null) {
            step.abandon();
        }
    }
}
