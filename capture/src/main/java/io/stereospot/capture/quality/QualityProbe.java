package io.stereospot.capture.quality;

import io.stereospot.capture.ffmpeg.FfmpegCommand;
import io.stereospot.capture.ffmpeg.FfmpegProcess;
import io.stereospot.capture.ffmpeg.ProgressReport;
import io.stereospot.capture.source.ProgramLauncher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Auto's measurement: a short real capture of this source through the broadcast's own FFmpeg command at each step
 * of the ladder, best first, reading FFmpeg's own dropped and duplicated frame counts. It stops at the first step
 * this machine keeps smooth, so a fast machine pays for one trial only. The trials' chunks are never uploaded.
 */
public final class QualityProbe {

    private static final Logger LOG = LoggerFactory.getLogger(QualityProbe.class);
    /** Stream time measured after the warm-up: long enough for 120 frames at 30 fps, short enough for a start. */
    static final long TRIAL_MS = 4_000;
    /** How long a trial may take beyond its stream time: FFmpeg's start on a loaded machine. */
    private static final long START_ALLOWANCE_MS = 15_000;
    private static final long STOP_GRACE_MS = 3_000;

    private final ProgramLauncher launcher;
    private final Map<String, String> environment;
    private final FfmpegCommand command;
    private final Path workDir;

    /**
     * @param command the broadcast's command; each trial runs it at the trial's size and rate
     * @param workDir a folder for the trials' chunks, which the caller removes (the spool's, cleaned at the end)
     */
    public QualityProbe(ProgramLauncher launcher, Map<String, String> environment, FfmpegCommand command,
            Path workDir) {
        this.launcher = launcher;
        this.environment = environment;
        this.command = command;
        this.workDir = workDir;
    }

    /** Measures down {@code ladder}, best first, until a step is smooth; Auto's choice with every figure it saw. */
    public AutoChoice choose(List<QualityStep> ladder) {
        List<AutoChoice.Measured> measured = new ArrayList<>();
        for (QualityStep step : ladder) {
            AutoChoice.Measured trial = new AutoChoice.Measured(step, measure(step));
            LOG.info("Quality trial {}: {}", step, trial.counts().figures());
            measured.add(trial);
            if (trial.smooth()) {
                break;
            }
        }
        return AutoChoice.of(measured);
    }

    /** One trial: FFmpeg's counts from the end of the warm-up to {@link #TRIAL_MS} later; no frames if it failed. */
    public FrameCounts measure(QualityStep step) {
        Path folder = workDir.resolve("trial-" + step.label());
        FfmpegCommand trial = command.at(step.size(), step.fps(), folder);
        CompletableFuture<FrameCounts> done = new CompletableFuture<>();
        FfmpegProcess process = null;
        try {
            trial.createFolders();
            process = FfmpegProcess.start(launcher, trial.arguments(), environment, new Trial(done, step.fps()));
            process.exit().thenRun(() -> done.complete(new FrameCounts(0, 0, 0, 0, 0)));
            return done.get(OverloadWatch.WARM_UP_MS + TRIAL_MS + START_ALLOWANCE_MS, TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            LOG.warn("Quality trial {} could not start FFmpeg: {}", step, e.getMessage());
            return new FrameCounts(0, 0, 0, 0, 0);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("Quality trial {} gave no figures in time", step);
            return new FrameCounts(0, 0, 0, 0, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FrameCounts(0, 0, 0, 0, 0);
        } finally {
            if (process != null) {
                process.kill();
            }
        }
    }

    /**
     * Takes the counts between the first report past the warm-up and the first one a trial's length later, or
     * sooner once more frames stuttered than the whole trial may have: the step has failed, and a slow machine
     * should not wait out a trial it cannot pass.
     */
    private static final class Trial implements FfmpegProcess.Events {
        private final CompletableFuture<FrameCounts> done;
        private final double stutterAllowed;
        private ProgressReport from;
        private long fromNanos;

        Trial(CompletableFuture<FrameCounts> done, int fps) {
            this.done = done;
            this.stutterAllowed = fps * TRIAL_MS / 1000.0 * AutoChoice.SMOOTH_PERCENT / 100;
        }

        @Override
        public void progress(ProgressReport report) {
            long now = System.nanoTime();
            if (report.outTimeMs() < OverloadWatch.WARM_UP_MS) {
                return;
            }
            if (from == null) {
                from = report;
                fromNanos = now;
                return;
            }
            FrameCounts counts = FrameCounts.between(from, fromNanos, report, now);
            if (report.outTimeMs() - from.outTimeMs() >= TRIAL_MS || counts.stutterFrames() > stutterAllowed) {
                done.complete(counts);
            }
        }
    }
}
