package io.stereospot.capture.testing;

import io.stereospot.media.testenv.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stream server in a child JVM ({@link ServerProcessMain}, on this JVM's own class path), so that a test can
 * kill it for real ({@link #kill()}: SIGKILL) and start another on the same data dir and ports. Listens on 127.0.0.1
 * only. A child never outlives the test JVM: {@link #close()}, and a shutdown hook as the last resort.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile(
            Pattern.quote(ServerProcessMain.READY) + " api=(\\S+) s3=(\\S+)");

    private final Process process;
    private final Path log;
    private final Thread reaper;
    private final URI baseUrl;
    private final URI s3Endpoint;
    private final long startMs;

    private ServerProcess(Process process, Path log, Thread reaper, URI baseUrl, URI s3Endpoint, long startMs) {
        this.process = process;
        this.log = log;
        this.reaper = reaper;
        this.baseUrl = baseUrl;
        this.s3Endpoint = s3Endpoint;
        this.startMs = startMs;
    }

    /**
     * A base port P with P, P+1 and P+2 free on 127.0.0.1 (API, S3, STS). Taken below Linux's ephemeral range
     * (32768+), so no outgoing connection can grab it while the server is down between a kill and its restart.
     */
    public static int freePorts() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            if (bindable(base) && bindable(base + 1) && bindable(base + 2)) {
                return base;
            }
        }
        throw new IllegalStateException("No three consecutive free ports found between 20000 and 32000");
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Starts a server and waits until it serves.
     *
     * @param converterCommand a {@code --converter command} template, or null for the {@code copy} converter
     * @param workDir          its log ({@code server-N.log}) and temporary files go here
     */
    public static ServerProcess start(Path dataDir, int port, String converterCommand, Path workDir,
            Duration timeout) {
        try {
            Files.createDirectories(workDir);
            Path tmp = Files.createDirectories(workDir.resolve("tmp"));
            Path log = freshLog(workDir);
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
                    "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                    ServerProcessMain.class.getName(), dataDir.toString(), Integer.toString(port)));
            if (converterCommand != null) {
                command.add(converterCommand);
            }
            long started = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            process.getOutputStream().close();
            Thread reaper = new Thread(() -> killTree(process), "server-process-reaper");
            Runtime.getRuntime().addShutdownHook(reaper);
            try {
                Matcher ready = Await.value("the server process to say it is ready (log " + log + ")", () -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("The server process exited " + process.exitValue() + ":\n"
                                + read(log));
                    }
                    Matcher m = READY.matcher(read(log));
                    return m.find() ? m : null;
                }, m -> m != null, timeout);
                long startMs = (System.nanoTime() - started) / 1_000_000;
                return new ServerProcess(process, log, reaper, URI.create(ready.group(1)), URI.create(ready.group(2)),
                        startMs);
            } catch (RuntimeException | AssertionError e) {
                killTree(process);
                Runtime.getRuntime().removeShutdownHook(reaper);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path freshLog(Path workDir) {
        for (int n = 1; ; n++) {
            Path log = workDir.resolve("server-" + n + ".log");
            if (!Files.exists(log)) {
                return log;
            }
        }
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public URI s3Endpoint() {
        return s3Endpoint;
    }

    public long pid() {
        return process.pid();
    }

    /** From spawning the JVM to the server answering, in ms. */
    public long startMs() {
        return startMs;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * SIGKILL, as a crash: no shutdown hook, no close, nothing flushed. Waits until it is gone, then ends what it had
     * started (converter programs left orphaned), so nothing of it runs on.
     */
    public void kill() {
        killTree(process);
    }

    private static void killTree(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The server process " + process.pid() + " survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs anyway
        }
    }
}
