package io.stereospot.media.testenv;

import io.stereospot.media.process.ExternalProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starting, running and ending the helper programs a test environment needs. */
final class HelperPrograms {

    private HelperPrograms() {
    }

    static Process start(List<String> command, Map<String, String> environment, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        if (log == null) {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        } else {
            builder.redirectOutput(log.toFile());
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + command.get(0) + " (is it installed?)", e);
        }
    }

    /**
     * Runs to the end with {@code environment} on top of this JVM's; returns stdout, then stderr.
     *
     * @throws AssertionError when it cannot start, fails or outlives the deadline
     */
    static String run(List<String> command, Map<String, String> environment, long timeoutMs) {
        ExternalProcess.Output output = ExternalProcess.attempt(command, inherited(environment),
                Duration.ofMillis(timeoutMs));
        if (output.exitCode() == ExternalProcess.NOT_RUN) {
            throw new AssertionError(command + " did not run: " + output.stderr());
        }
        String text = output.stdoutText() + output.stderr();
        if (!output.succeeded()) {
            throw new AssertionError(command + " exited " + output.exitCode() + ": " + text);
        }
        return text;
    }

    /** Runs to the end and tells whether it exited 0, without throwing. */
    static boolean succeeds(List<String> command, Map<String, String> environment, long timeoutMs) {
        return ExternalProcess.attempt(command, inherited(environment), Duration.ofMillis(timeoutMs)).succeeded();
    }

    private static Map<String, String> inherited(Map<String, String> environment) {
        Map<String, String> all = new HashMap<>(System.getenv());
        all.putAll(environment);
        return all;
    }

    /**
     * Raises a helper's scheduling priority (root only; otherwise nothing happens). The display and sound servers of
     * a desktop normally run ahead of ordinary programs; on a test machine loaded by other builds they must too, or
     * a flash or a beep reaches the screen or the sink tens of milliseconds late and the A/V test measures the rig.
     */
    static void prioritise(Process process) {
        if (!"root".equals(System.getProperty("user.name"))) {
            return;
        }
        try {
            Process renice = new ProcessBuilder("renice", "-n", "-10", "-p", Long.toString(process.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            renice.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // renice missing: run at normal priority
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, then SIGKILL after a grace period; the whole process tree of {@code process}. */
    static void end(Process process) {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
