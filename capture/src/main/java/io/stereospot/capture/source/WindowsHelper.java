package io.stereospot.capture.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.media.process.LongLivedProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * Talks to {@code stereospot-win.exe}: its {@code list} of screens and windows, and its WASAPI sound feeds, which
 * FFmpeg reads as raw PCM from a loopback TCP socket (FFmpeg's stdin stays its stop channel).
 */
final class WindowsHelper {

    private static final Logger LOG = LoggerFactory.getLogger(WindowsHelper.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MIN_WINDOW_SIDE = 32;
    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(15);
    /** Under Wine a program start alone can take 3 s on a busy machine. */
    private static final long FEED_READY_MS = 20_000;
    private final WindowsTools tools;
    private final Map<String, String> environment;

    WindowsHelper(WindowsTools tools, Map<String, String> environment) {
        this.tools = tools;
        this.environment = environment;
    }

    /** Every monitor (in the system's order), then every visible titled window of a useful size. */
    List<CaptureSource> list() {
        // Into a file, not a pipe: under Wine a service the call starts can inherit a pipe and hold it open long
        // after the helper has exited, and a reader waiting for its end would wait as long.
        Path out = null;
        try {
            out = Files.createTempFile("stereospot-win-list", ".jsonl");
            ProcessBuilder builder = new ProcessBuilder(tools.helperCommand("list")).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().clear();
            builder.environment().putAll(environment);
            Process lister = builder.start();
            if (!lister.waitFor(LIST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                lister.destroyForcibly();
                throw new SourceUnavailableException("Could not list the screens and windows: no answer within "
                        + LIST_TIMEOUT.toSeconds() + " s.");
            }
            if (lister.exitValue() != 0) {
                throw new SourceUnavailableException("Could not list the screens and windows (the helper exited "
                        + lister.exitValue() + ").");
            }
            return parse(Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SourceUnavailableException("Could not list the screens and windows: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceUnavailableException("Stopped while listing the screens and windows.");
        } finally {
            if (out != null) {
                out.toFile().delete();
            }
        }
    }

    /** The helper's JSON lines as sources; a line that is not one of ours is skipped. */
    static List<CaptureSource> parse(String jsonLines) {
        List<CaptureSource> sources = new ArrayList<>();
        int screens = 0;
        for (String line : jsonLines.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                LOG.debug("Not a source line from the helper: {}", line);
                continue;
            }
            int x = node.path("x").asInt();
            int y = node.path("y").asInt();
            int width = node.path("width").asInt();
            int height = node.path("height").asInt();
            switch (node.path("kind").asText()) {
                case "screen" -> {
                    if (width > 0 && height > 0) {
                        sources.add(new CaptureSource.Screen(screens++, x, y, width, height));
                    }
                }
                case "window" -> {
                    if (width >= MIN_WINDOW_SIDE && height >= MIN_WINDOW_SIDE) {
                        sources.add(new CaptureSource.Window(node.path("handle").asLong(),
                                node.path("title").asText(), width, height));
                    }
                }
                default -> LOG.debug("Unknown source kind from the helper: {}", line);
            }
        }
        return sources;
    }

    /**
     * Starts a sound feed for {@code source} ({@code system}: loopback of the speakers; {@code mic}: the default
     * microphone) and returns the source FFmpeg opens: its device is the feed's {@code tcp://127.0.0.1:port}.
     * The feed serves one connection and ends when FFmpeg goes.
     */
    AudioSource startFeed(AudioSource source) {
        String mode = source.kind() == AudioSource.Kind.SYSTEM ? "system" : "mic";
        CompletableFuture<Integer> port = new CompletableFuture<>();
        LongLivedProcess feed;
        try {
            // A feed ends by itself when FFmpeg disconnects; it is ended with the JVM if that goes first.
            feed = LongLivedProcess.of(tools.helperCommand("audio", mode)).name("windows-audio-" + mode)
                    .environment(environment).stdoutLines(line -> readPort(line, port))
                    .stderrLines(line -> LOG.warn("{}: {} (the stream carries silence in its place)", source.label(),
                            line)).start();
        } catch (IOException e) {
            throw new SourceUnavailableException("Could not start the sound capture: " + e.getMessage());
        }
        feed.exit().thenAccept(status -> port.completeExceptionally(
                new IOException("the helper ended (exit " + status + ")")));
        try {
            int listening = port.get(FEED_READY_MS, TimeUnit.MILLISECONDS);
            LOG.info("{} comes from the helper's WASAPI feed on port {}", source.label(), listening);
            return new AudioSource(source.kind(), source.id(), source.label(), "tcp://127.0.0.1:" + listening);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            feed.kill();
            throw new SourceUnavailableException("Stopped while the sound capture was starting.");
        } catch (ExecutionException | TimeoutException e) {
            feed.kill();
            throw new SourceUnavailableException("The sound capture did not start: "
                    + (e.getCause() != null ? e.getCause().getMessage() : "no answer within 20 s"));
        }
    }

    /** The helper says {@code listening PORT} once its socket is open; its other lines are not for us. */
    private static void readPort(String line, CompletableFuture<Integer> port) {
        if (line.startsWith("listening ")) {
            try {
                port.complete(Integer.parseInt(line.substring("listening ".length()).strip()));
            } catch (NumberFormatException e) {
                port.completeExceptionally(e);
            }
        }
    }
}
