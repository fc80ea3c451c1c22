package io.stereospot.capture.ffmpeg;

import io.stereospot.capture.source.ProgramLauncher;
import io.stereospot.media.process.ChildProcesses;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running FFmpeg: started with its own environment, stopped gracefully by typing {@code q} (it then finishes
 * the chunk it is writing), killed when it will not. Keeps the tail of stderr's warnings and errors as the last
 * error and reports progress and those lines to its owner. The information lines ({@code -loglevel level+info})
 * are read for the inputs' starts ({@link #inputStarts}) and otherwise only logged at debug.
 */
public final class FfmpegProcess {

    private static final Logger LOG = LoggerFactory.getLogger(FfmpegProcess.class);
    private static final int TAIL_LINES = 20;

    /** What the owner hears; called on this process's reader threads. */
    public interface Events {
        default void progress(ProgressReport progress) {
        }

        /** A warning or error FFmpeg wrote (its level tag taken out), or a line without a tag. */
        default void stderrLine(String line) {
        }
    }

    private final Process process;
    private final ProgramLauncher launcher;
    private final Deque<String> tail = new ArrayDeque<>();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final Instant startedAt;
    private final InputStarts starts = new InputStarts();
    private final CompletableFuture<InputStarts> inputStarts = new CompletableFuture<>();
    private volatile boolean stopRequested;

    private FfmpegProcess(Process process, ProgramLauncher launcher, Instant startedAt) {
        this.process = process;
        this.launcher = launcher;
        this.startedAt = startedAt;
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
        ProcessBuilder builder = new ProcessBuilder(launcher.command(command));
        builder.environment().clear();
        builder.environment().putAll(environment);
        Instant startedAt = Instant.now();
        FfmpegProcess ffmpeg = new FfmpegProcess(ChildProcesses.endWithJvm(builder.start()), launcher, startedAt);
        LOG.debug("FFmpeg started (pid {}): {}", ffmpeg.process.pid(), String.join(" ", command));
        Thread out = new Thread(() -> ffmpeg.readProgress(events), "ffmpeg-progress");
        Thread err = new Thread(() -> ffmpeg.readStderr(events), "ffmpeg-stderr");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
        ffmpeg.process.onExit().thenRun(() -> {
            // Let the stderr reader drain what FFmpeg wrote last, so the tail is complete when exit completes.
            try {
                err.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ffmpeg.inputStarts.complete(ffmpeg.starts);
            ffmpeg.exit.complete(ffmpeg.process.exitValue());
        });
        return ffmpeg;
    }

    private void readProgress(Events events) {
        ProgressParser parser = new ProgressParser();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                ProgressReport progress = parser.accept(line);
                if (progress != null) {
                    safely(() -> events.progress(progress));
                }
            }
        } catch (IOException e) {
            LOG.debug("FFmpeg progress stream closed: {}", e.getMessage());
        }
    }

    private void readStderr(Events events) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String stripped = line.strip();
                if (stripped.isEmpty()) {
                    continue;
                }
                LogLine logged = LogLine.parse(stripped);
                String text = logged.text();
                LOG.debug("ffmpeg: {}", stripped);
                if (!inputStarts.isDone() && starts.accept(text)) {
                    inputStarts.complete(starts);
                }
                if (!logged.isProblem()) {
                    continue;
                }
                synchronized (tail) {
                    if (tail.size() == TAIL_LINES) {
                        tail.removeFirst();
                    }
                    tail.addLast(text);
                }
                safely(() -> events.stderrLine(text));
            }
        } catch (IOException e) {
            LOG.debug("FFmpeg stderr closed: {}", e.getMessage());
        }
    }

    private static void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("FFmpeg event handler failed", e);
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
        return stopRequested;
    }

    /** Completes with the exit status once FFmpeg is gone and its stderr is read. */
    public CompletableFuture<Integer> exit() {
        return exit;
    }

    /** The last lines FFmpeg wrote to stderr (warnings and errors), oldest first. */
    public String lastError() {
        synchronized (tail) {
            return String.join("\n", tail);
        }
    }

    /** The last stderr line, or empty. */
    public String lastErrorLine() {
        synchronized (tail) {
            return tail.isEmpty() ? "" : tail.getLast();
        }
    }

    /**
     * Asks FFmpeg to finish ({@code q}): it closes the chunk it is writing, lists it and exits. Waits up to
     * {@code graceMs}, then ends it by force.
     *
     * @return the exit status
     */
    public int stop(long graceMs) {
        stopRequested = true;
        if (process.isAlive()) {
            try {
                OutputStream in = process.getOutputStream();
                in.write('q');
                in.flush();
            } catch (IOException e) {
                LOG.debug("Could not type q to FFmpeg: {}", e.getMessage());
            }
            if (launcher.interruptToStop()) {
                interrupt();
            }
        }
        try {
            return exit.get(graceMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn("FFmpeg did not finish within {} ms of q; ending it", graceMs);
            return kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return kill();
        } catch (java.util.concurrent.ExecutionException e) {
            return -1;
        }
    }

    /** SIGINT, which FFmpeg treats like q; Java has no call for it, so kill(1) sends it. */
    private void interrupt() {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            LOG.debug("Could not interrupt FFmpeg: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends FFmpeg at once (SIGKILL) and waits for it; the chunk being written is lost. */
    public int kill() {
        stopRequested = true;
        process.destroyForcibly();
        try {
            return exit.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }
    }
}
