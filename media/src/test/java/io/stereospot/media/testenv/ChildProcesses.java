package io.stereospot.media.testenv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starting, running and ending the helper programs a test environment needs. */
final class ChildProcesses {

    private ChildProcesses() {
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

    /** Runs to the end; returns stdout+stderr. @throws AssertionError when it fails or outlives the deadline */
    static String run(List<String> command, Map<String, String> environment, long timeoutMs) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish in " + timeoutMs + " ms");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError(command + " exited " + process.exitValue() + ": " + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs to the end and tells whether it exited 0, without throwing. */
    static boolean succeeds(List<String> command, Map<String, String> environment, long timeoutMs) {
        try {
            run(command, environment, timeoutMs);
            return true;
        } catch (AssertionError | UncheckedIOException e) {
            return false;
        }
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
