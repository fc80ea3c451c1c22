package io.stereospot.media.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program to completion, keeping its stdout and its stderr, so a failure can be reported with the program's
 * own words. No shell is involved: arguments reach the program exactly as given. Its stdin is empty.
 */
public final class ExternalProcess {

    /** FFmpeg's last lines say why it failed; the rest is noise in a log. */
    private static final int STDERR_TAIL_BYTES = 4096;
    private static final int TAIL_LINES = 12;
    private static final int KEEP_ALL = Integer.MAX_VALUE;
    /** Exit code of an {@link Output} whose program could not be started or was stopped at its deadline. */
    public static final int NOT_RUN = -1;

    private ExternalProcess() {
    }

    public record Result(int exitCode, String stdout, String stderrTail) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /**
     * Everything a program printed: stdout as bytes (a PNG, or text), stderr whole (FFmpeg lists devices there).
     *
     * @param exitCode {@link #NOT_RUN} when it could not be started or outlived its deadline; stderr then says which
     */
    public record Output(int exitCode, byte[] stdout, String stderr) {
        public boolean succeeded() {
            return exitCode == 0;
        }

        public String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        /** The first line of stderr: enough for a sentence, never a wall of text. */
        public String stderrFirstLine() {
            String stripped = stderr.strip();
            int end = stripped.indexOf('\n');
            return end < 0 ? stripped : stripped.substring(0, end);
        }
    }

    /**
     * In this JVM's environment.
     *
     * @throws ProcessTimeoutException when it runs longer than {@code timeout} (it is killed first)
     * @throws IOException when the program cannot be started
     */
    public static Result run(List<String> command, Path workingDir, Duration timeout)
            throws IOException, InterruptedException {
        Finished done = execute(command, workingDir, null, timeout, STDERR_TAIL_BYTES);
        return new Result(done.exitCode(), new String(done.stdout(), StandardCharsets.UTF_8).strip(),
                lastLines(done.stderr()));
    }

    /**
     * In exactly {@code environment} (it replaces this JVM's), and without throwing: for a caller asking the system
     * a question (which windows are there, does the display answer), a program that cannot be started or does not
     * answer in time is an answer too. It then comes back with {@link #NOT_RUN} and a sentence in stderr; an
     * interrupt does the same and leaves the thread interrupted.
     */
    public static Output attempt(List<String> command, Map<String, String> environment, Duration timeout) {
        try {
            Finished done = execute(command, null, environment, timeout, KEEP_ALL);
            return new Output(done.exitCode(), done.stdout(), new String(done.stderr(), StandardCharsets.UTF_8));
        } catch (ProcessTimeoutException e) {
            return notRun(command.get(0) + " did not finish within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return notRun(command.get(0) + " could not be started: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return notRun("interrupted");
        }
    }

    private static Output notRun(String sentence) {
        return new Output(NOT_RUN, new byte[0], sentence);
    }

    private record Finished(int exitCode, byte[] stdout, byte[] stderr) {
    }

    /** @param environment null to inherit this JVM's, else the whole environment of the program */
    private static Finished execute(List<String> command, Path workingDir, Map<String, String> environment,
            Duration timeout, int stderrKeepBytes) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        if (workingDir != null) {
            builder.directory(workingDir.toFile());
        }
        if (environment != null) {
            builder.environment().clear();
            builder.environment().putAll(environment);
        }
        Process process = builder.start();
        StreamDrain stdout = new StreamDrain(process.getInputStream(), KEEP_ALL);
        StreamDrain stderr = new StreamDrain(process.getErrorStream(), stderrKeepBytes);
        stdout.start();
        stderr.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw new ProcessTimeoutException(command.get(0) + " did not finish within " + timeout.toSeconds()
                        + " s and was stopped. Last output: " + lastLines(stderr.bytes()));
            }
            stdout.join();
            stderr.join();
            return new Finished(process.exitValue(), stdout.bytes(), stderr.bytes());
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    /** The last lines of stderr's tail: they say what went wrong; a program's banner before them does not. */
    private static String lastLines(byte[] all) {
        int from = Math.max(0, all.length - STDERR_TAIL_BYTES);
        String tail = new String(all, from, all.length - from, StandardCharsets.UTF_8).strip();
        String[] lines = tail.split("\\R");
        return String.join("\n", Arrays.copyOfRange(lines, Math.max(0, lines.length - TAIL_LINES), lines.length));
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /** Reads a stream on its own thread so a chatty program never blocks on a full pipe. */
    private static final class StreamDrain extends Thread {
        private final InputStream in;
        private final int keepBytes;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        StreamDrain(InputStream in, int keepBytes) {
            super("process-drain");
            setDaemon(true);
            this.in = in;
            this.keepBytes = keepBytes;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    synchronized (kept) {
                        kept.write(buffer, 0, n);
                        if (kept.size() > 2 * keepBytes && keepBytes < KEEP_ALL / 2) {
                            byte[] all = kept.toByteArray();
                            kept.reset();
                            kept.write(all, all.length - keepBytes, keepBytes);
                        }
                    }
                }
            } catch (IOException ignored) {
                // The process went away; what we have is all there is.
            }
        }

        /** What was kept: everything, or at least the last {@code keepBytes}. */
        byte[] bytes() {
            synchronized (kept) {
                return kept.toByteArray();
            }
        }
    }
}
