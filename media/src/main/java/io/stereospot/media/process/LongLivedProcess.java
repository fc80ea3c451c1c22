package io.stereospot.media.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A program that runs alongside us (FFmpeg capturing, a feed, a converter that stays loaded) rather than to
 * completion ({@link ExternalProcess}). It is always registered with {@link ChildProcesses}, so it never outlives
 * this JVM; it keeps the tail of its stderr as its last words; its lines reach a listener on reader threads of its
 * own; and it is stopped by a {@link StopStep sequence} of asks, each with a grace time, then killed.
 */
public final class LongLivedProcess {

    private static final Logger LOG = LoggerFactory.getLogger(LongLivedProcess.class);
    /** How long the exit waits for the readers to take the program's last lines. */
    private static final long DRAIN_MS = 2000;
    private static final long KILL_WAIT_MS = 5000;

    private final String name;
    private final Process process;
    private final LineTail tail;
    private final Consumer<String> stderrListener;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private volatile boolean stopRequested;

    private LongLivedProcess(Builder builder, Process process) {
        this.name = builder.name;
        this.process = process;
        this.tail = new LineTail(builder.tailLines, builder.keptInTail);
        this.stderrListener = builder.stderrLines;
    }

    /** A program to start: {@code command} is the program, then its arguments, passed as given (no shell). */
    public static Builder of(List<String> command) {
        return new Builder(command);
    }

    /** How the program is started and heard. */
    public static final class Builder {
        private final List<String> command;
        private String name;
        private Map<String, String> environment;
        private Consumer<String> stdoutLines;
        private boolean pipeStdout;
        private Consumer<String> stderrLines = line -> { };
        private int tailLines = 20;
        private Function<String, String> keptInTail = Function.identity();

        private Builder(List<String> command) {
            this.command = List.copyOf(command);
            this.name = Path.of(command.get(0)).getFileName().toString();
        }

        /** The name its threads and log lines carry; the program's file name unless given. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Its whole environment (this JVM's is not passed on); without this call it inherits this JVM's. */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /** Each stdout line, on a reader thread. Without this or {@link #pipeStdout}, stdout is discarded. */
        public Builder stdoutLines(Consumer<String> listener) {
            this.stdoutLines = listener;
            return this;
        }

        /** Leaves stdout to the caller, who reads {@link LongLivedProcess#stdout()} (and must, or it blocks). */
        public Builder pipeStdout() {
            this.pipeStdout = true;
            return this;
        }

        /** Each non-blank stderr line, stripped, on a reader thread (after it is logged at debug and kept). */
        public Builder stderrLines(Consumer<String> listener) {
            this.stderrLines = listener;
            return this;
        }

        /**
         * The stderr tail: the last {@code lines} lines, each as {@code kept} gives it; a line {@code kept} maps to
         * null is not kept (FFmpeg's information lines are no last words). By default, the last 20 lines as written.
         */
        public Builder stderrTail(int lines, Function<String, String> kept) {
            this.tailLines = lines;
            this.keptInTail = kept;
            return this;
        }

        /** Starts it, registered with {@link ChildProcesses}; an IOException when the program cannot start. */
        public LongLivedProcess start() throws IOException {
            ProcessBuilder builder = new ProcessBuilder(command);
            if (environment != null) {
                builder.environment().clear();
                builder.environment().putAll(environment);
            }
            if (stdoutLines == null && !pipeStdout) {
                builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            }
            LongLivedProcess started = new LongLivedProcess(this, ChildProcesses.endWithJvm(builder.start()));
            LOG.debug("{} started (pid {}): {}", name, started.pid(), String.join(" ", command));
            started.read(stdoutLines);
            return started;
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Completes with the exit status once the program is gone and its last lines are read. */
    public CompletableFuture<Integer> exit() {
        return exit;
    }

    /** Whether it exited (and its last lines were read) within {@code wait}. */
    public boolean exitedWithin(Duration wait) throws InterruptedException {
        try {
            exit.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    /** True once {@link #stop} or {@link #kill} was called: an exit after that was asked for. */
    public boolean stopRequested() {
        return stopRequested;
    }

    /** Its stdin, for a caller that talks to it; the {@link StopStep.Ask#QUIT_KEY} is typed here too. */
    public OutputStream stdin() {
        return process.getOutputStream();
    }

    /** Its stdout, when started with {@link Builder#pipeStdout()}. */
    public InputStream stdout() {
        return process.getInputStream();
    }

    /** The kept stderr tail, oldest first. */
    public List<String> stderrTail() {
        return tail.lines();
    }

    /** The last kept stderr line, or empty. */
    public String lastStderrLine() {
        return tail.last();
    }

    /**
     * Asks it to end, step by step, each step given its grace time; kills it when it is still running after the last.
     *
     * @return the exit status, or -1 when it could not be had
     */
    public int stop(List<StopStep> steps) {
        stopRequested = true;
        long askedMs = 0;
        try {
            for (StopStep step : steps) {
                if (!process.isAlive()) {
                    break;
                }
                ask(step.ask());
                askedMs += step.grace().toMillis();
                if (exitedWithin(step.grace())) {
                    return exit.getNow(-1);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return kill();
        }
        if (process.isAlive()) {
            LOG.warn("{} did not end within {} ms of being asked to; killing it", name, askedMs);
        }
        return kill();
    }

    /** Ends it at once (SIGKILL) and waits for it; whatever it was writing is lost. */
    public int kill() {
        stopRequested = true;
        process.destroyForcibly();
        try {
            return exit.get(KILL_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (ExecutionException | TimeoutException e) {
            return -1;
        }
    }

    private void ask(StopStep.Ask ask) {
        try {
            switch (ask) {
                case QUIT_KEY -> {
                    OutputStream in = process.getOutputStream();
                    in.write('q');
                    in.flush();
                }
                case CLOSE_STDIN -> process.getOutputStream().close();
                case INTERRUPT -> interrupt();
                case TERMINATE -> process.destroy();
            }
        } catch (IOException e) {
            LOG.debug("Could not ask {} to end ({}): {}", name, ask, e.getMessage());
        }
    }

    /** Java has no call for SIGINT, so kill(1) sends it. */
    private void interrupt() throws IOException {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void read(Consumer<String> stdoutLines) {
        List<Thread> readers = new ArrayList<>();
        if (stdoutLines != null) {
            readers.add(reader("stdout", process.getInputStream(), line -> heard(stdoutLines, line)));
        }
        readers.add(reader("stderr", process.getErrorStream(), this::stderrLine));
        process.onExit().thenRun(() -> {
            // The readers take what the program wrote last, so the tail is whole when the exit completes.
            for (Thread reader : readers) {
                try {
                    reader.join(DRAIN_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exit.complete(process.exitValue());
        });
    }

    private void stderrLine(String line) {
        String stripped = line.strip();
        if (stripped.isEmpty()) {
            return;
        }
        LOG.debug("{}: {}", name, stripped);
        tail.add(stripped);
        heard(stderrListener, stripped);
    }

    private void heard(Consumer<String> listener, String line) {
        try {
            listener.accept(line);
        } catch (RuntimeException e) {
            LOG.warn("A listener to {} failed", name, e);
        }
    }

    private Thread reader(String stream, InputStream in, Consumer<String> lines) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    lines.accept(line);
                }
            } catch (IOException e) {
                LOG.debug("{}'s {} closed: {}", name, stream, e.getMessage());
            }
        }, name + "-" + stream);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
