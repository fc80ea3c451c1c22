package io.stereospot.capture.ffmpeg;

import io.stereospot.capture.source.ProgramLauncher;
import io.stereospot.media.process.LongLivedProcess;
import io.stereospot.media.process.StopStep.Ask;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One running FFmpeg: started with its own environment, stopped gracefully by typing {@code q} (it then finishes
 * the chunk it is writing), killed when it will not. Keeps the tail of stderr's warnings and errors as the last
 * error and reports progress and those lines to its owner. The information lines ({@code -loglevel level+info})
 * are read for the inputs' starts ({@link #inputStarts}) and otherwise only logged at debug.
 */
public final class FfmpegProcess {

    private static final int TAIL_LINES = 20;

    /** What the owner hears; called on this process's reader threads. */
    public interface Events {
        default void progress(ProgressReport progress) {
        }

        /** A warning or error FFmpeg wrote (its level tag taken out), or a line without a tag. */
        default void stderrLine(String line) {
        }
    }

    private final LongLivedProcess process;
    private final ProgramLauncher launcher;
    private final CompletableFuture<Integer> exit;
    private final Instant startedAt;
    private final InputStarts starts = new InputStarts();
    private final CompletableFuture<InputStarts> inputStarts = new CompletableFuture<>();

    private FfmpegProcess(LongLivedProcess.Builder builder, ProgramLauncher launcher, Events events)
            throws IOException {
        this.launcher = launcher;
        this.startedAt = Instant.now();
        ProgressParser parser = new ProgressParser();
        this.process = builder.name("ffmpeg").stderrTail(TAIL_LINES, FfmpegProcess::problem)
                .stdoutLines(line -> {
                    ProgressReport progress = parser.accept(line);
                    if (progress != null) {
                        events.progress(progress);
                    }
                })
                .stderrLines(line -> heard(line, events)).start();
        this.exit = process.exit().thenApply(status -> {
            inputStarts.complete(starts);
            return status;
        });
    }

    /**
     * @throws IOException when the program cannot be started at all
     */
    public static FfmpegProcess start(List<String> command, Map<String, String> environment, Events events)
            throws IOException {
        return start(ProgramLauncher.DIRECT, command, environment, events);
    }

    /**
     * Starts {@code command} (program first) the way {@code launcher} says: directly, or under Wine.
     *
     * @throws IOException when the program cannot be started at all
     */
    public static FfmpegProcess start(ProgramLauncher launcher, List<String> command, Map<String, String> environment,
            Events events) throws IOException {
        return new FfmpegProcess(LongLivedProcess.of(launcher.command(command)).environment(environment), launcher,
                events);
    }

    /** A warning or error, its level tag taken out, is the last error; an information line is not. */
    private static String problem(String line) {
        LogLine logged = LogLine.parse(line);
        return logged.isProblem() ? logged.text() : null;
    }

    private void heard(String line, Events events) {
        LogLine logged = LogLine.parse(line);
        if (!inputStarts.isDone() && starts.accept(logged.text())) {
            inputStarts.complete(starts);
        }
        if (logged.isProblem()) {
            events.stderrLine(logged.text());
        }
    }

    /** When the process was started: the stamps' fallback when no input printed a wall-clock start. */
    public Instant startedAt() {
        return startedAt;
    }

    /**
     * Completes, on the stderr reader, with the inputs' starts once FFmpeg has dumped its inputs (before it writes
     * any output), or with what was read when it exits without.
     */
    public CompletableFuture<InputStarts> inputStarts() {
        return inputStarts;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** True once {@link #stop} or {@link #kill} was called: an exit after that was asked for. */
    public boolean stopRequested() {
        return process.stopRequested();
    }

    /** Completes with the exit status once FFmpeg is gone and its stderr is read. */
    public CompletableFuture<Integer> exit() {
        return exit;
    }

    /** The last lines FFmpeg wrote to stderr (warnings and errors), oldest first. */
    public String lastError() {
        return String.join("\n", process.stderrTail());
    }

    /** The last stderr line, or empty. */
    public String lastErrorLine() {
        return process.lastStderrLine();
    }

    /**
     * Asks FFmpeg to finish ({@code q}; under Wine SIGINT as well): it closes the chunk it is writing, lists it and
     * exits. Waits up to {@code graceMs}, then ends it by force.
     *
     * @return the exit status
     */
    public int stop(long graceMs) {
        Duration grace = Duration.ofMillis(graceMs);
        return process.stop(launcher.interruptToStop()
                ? List.of(Ask.QUIT_KEY.within(Duration.ZERO), Ask.INTERRUPT.within(grace))
                : List.of(Ask.QUIT_KEY.within(grace)));
    }

    /** Ends FFmpeg at once (SIGKILL) and waits for it; the chunk being written is lost. */
    public int kill() {
        return process.kill();
    }
}
