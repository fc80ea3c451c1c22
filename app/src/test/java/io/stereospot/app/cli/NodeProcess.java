package io.stereospot.app.cli;

import io.stereospot.media.testenv.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code ./stereospot} command in a process of its own (this test run's class path, a small heap), its stdout
 * and stderr in a log file; what it prints is read back from there.
 */
final class NodeProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private NodeProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static NodeProcess start(String name, Path logDir, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), "io.stereospot.app.Main"));
        command.addAll(List.of(args));
        Path log = logDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("STEREOSPOT_") || k.startsWith("AWS_"));
        builder.environment().put("STEREOSPOT_LOG_DIR", logDir.resolve(name).toString());
        builder.environment().putAll(env);
        try {
            return new NodeProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
    }

    /** The first group of {@code pattern} in what the process printed, once it has printed it. */
    String await(String pattern, Duration timeout) {
        Pattern compiled = Pattern.compile(pattern, Pattern.MULTILINE);
        return Await.value(name + " to print " + pattern, () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + output());
            }
            Matcher m = compiled.matcher(output());
            return m.find() ? m.group(1) : null;
        }, v -> v != null, timeout);
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    long pid() {
        return process.pid();
    }

    String name() {
        return name;
    }

    /** {@code kill -9}: no shutdown hook, no clean-up, as when a machine dies. */
    void kill9() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
