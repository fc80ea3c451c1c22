package io.stereospot.media.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program to completion, keeping its stdout and the tail of its stderr, so a failure can be reported with
 * the program's own words. No shell is involved: arguments reach the program exactly as given.
 */
public final class ExternalProcess {

    /** FFmpeg's last lines say why it failed; the rest is noise in a log. */
    private static final int STDERR_TAIL_BYTES = 4096;
    private static final int TAIL_LINES = 12;

    private ExternalProcess() {
    }

    public record Result(int exitCode, String stdout, String stderrTail) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /**
     * @throws ProcessTimeoutException when it runs longer than {@code timeout} (it is killed first)
     * @throws IOException when the program cannot be started
     */
    public static Result run(List<String> command, Path workingDir, Duration timeout)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        if (workingDir != null) {
            builder.directory(workingDir.toFile());
        }
        Process process = builder.start();
        StreamDrain stdout = new StreamDrain(process.getInputStream(), Integer.MAX_VALUE);
        StreamDrain stderr = new StreamDrain(process.getErrorStream(), STDERR_TAIL_BYTES);
        stdout.start();
        stderr.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw new ProcessTimeoutException(command.get(0) + " did not finish within " + timeout.toSeconds()
                        + " s and was stopped. Last output: " + stderr.text());
            }
            stdout.join();
            stderr.join();
            return new Result(process.exitValue(), stdout.text(), stderr.text());
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
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
                        if (kept.size() > 2 * keepBytes && keepBytes < Integer.MAX_VALUE / 2) {
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

        String text() {
            synchronized (kept) {
                byte[] all = kept.toByteArray();
                int from = Math.max(0, all.length - keepBytes);
                String tail = new String(all, from, all.length - from, StandardCharsets.UTF_8).strip();
                if (keepBytes == Integer.MAX_VALUE) {
                    return tail;
                }
                // The last lines say what went wrong; a program's banner before them does not.
                String[] lines = tail.split("\\R");
                return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - TAIL_LINES),
                        lines.length));
            }
        }
    }
}
