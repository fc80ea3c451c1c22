package io.stereospot.capture.source;

import io.stereospot.media.process.ChildProcesses;
import io.stereospot.media.process.ExternalProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PipeWire video node, read by GStreamer's {@code pipewiresrc} and written as raw {@code I420} frames of the
 * broadcast's size and rate into a named pipe that FFmpeg reads ({@code -f rawvideo}). FFmpeg's stdin stays its
 * stop channel. The process is {@code gst-launch-1.0}: the bundled FFmpeg has no PipeWire input, and an unsandboxed
 * program may connect to the node by its id ({@code path=}) without the portal's file descriptor.
 */
final class PipeWireFeed {

    private static final Logger LOG = LoggerFactory.getLogger(PipeWireFeed.class);
    /** The portal sends frames only when the screen changes; this resends the last one so the rate holds. */
    private static final int KEEPALIVE_MS = 100;
    private static final int STDERR_LINES_KEPT = 5;
    static final String ENDED = "The screen sharing ended: the shared screen or window is gone, or the system"
            + " stopped sharing it, so the broadcast stopped";

    private final int nodeId;
    private final Map<String, String> environment;
    private final Process process;
    private final Path folder;
    private final VideoFeed.RawInput input;
    private final List<String> lastLines = new ArrayList<>();
    private volatile boolean closing;

    private PipeWireFeed(int nodeId, Map<String, String> environment, Process process, Path folder,
            VideoFeed.RawInput input) {
        this.nodeId = nodeId;
        this.environment = environment;
        this.process = process;
        this.folder = folder;
        this.input = input;
    }

    /** The {@code gst-launch-1.0} arguments: scaled into the frame with its aspect kept, black bars around. */
    static List<String> command(int nodeId, VideoFeed.RawInput input) {
        return List.of("gst-launch-1.0", "-q",
                "pipewiresrc", "path=" + nodeId, "do-timestamp=true", "keepalive-time=" + KEEPALIVE_MS,
                "always-copy=true", "!",
                "videorate", "!", "video/x-raw,framerate=" + input.fps() + "/1", "!",
                "videoconvert", "!", "videoscale", "add-borders=true", "!",
                "video/x-raw,format=I420,width=" + input.width() + ",height=" + input.height()
                        + ",pixel-aspect-ratio=1/1", "!",
                "filesink", "location=" + input.pipe(), "sync=false");
    }

    static PipeWireFeed start(int nodeId, int width, int height, int fps, Map<String, String> environment) {
        Path folder = null;
        try {
            folder = Files.createTempDirectory("stereospot-pipewire");
            Path pipe = folder.resolve("frames.yuv");
            ExternalProcess.Output made = ExternalProcess.attempt(List.of("mkfifo", "-m", "600", pipe.toString()),
                    environment, Duration.ofSeconds(5));
            if (!made.succeeded()) {
                throw new SourceUnavailableException("Could not make the pipe for the screen's frames: "
                        + made.stderrFirstLine());
            }
            VideoFeed.RawInput input = new VideoFeed.RawInput(pipe, width, height, fps);
            ProcessBuilder builder = new ProcessBuilder(command(nodeId, input))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().clear();
            builder.environment().putAll(environment);
            // Closed with its broadcast; ended with the JVM if that goes first, so none is left waiting on PipeWire.
            Process gst = ChildProcesses.endWithJvm(builder.start());
            PipeWireFeed feed = new PipeWireFeed(nodeId, environment, gst, folder, input);
            Thread stderr = new Thread(feed::readErrors, "pipewire-feed-stderr");
            stderr.setDaemon(true);
            stderr.start();
            LOG.info("Reading PipeWire node {} with GStreamer at {}x{}, {} fps", nodeId, width, height, fps);
            return feed;
        } catch (IOException e) {
            deleteFolder(folder);
            throw new SourceUnavailableException("Could not start GStreamer (gst-launch-1.0) to read the screen: "
                    + e.getMessage());
        }
    }

    VideoFeed.RawInput input() {
        return input;
    }

    /** The sentence when GStreamer ended without being told to. */
    Optional<String> ended(Duration wait) {
        try {
            if (closing || !process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        String said;
        synchronized (lastLines) {
            said = lastLines.isEmpty() ? "" : " (GStreamer: " + lastLines.get(lastLines.size() - 1) + ")";
        }
        return Optional.of(ENDED + said + ".");
    }

    /** A sentence when PipeWire no longer has the node ({@code pw-cli info}, about 15 ms), else empty. */
    Optional<String> lost() {
        ExternalProcess.Output info = ExternalProcess.attempt(List.of("pw-cli", "info", Integer.toString(nodeId)),
                environment, Duration.ofSeconds(5));
        if (info.exitCode() == ExternalProcess.NOT_RUN || info.stdoutText().contains("id: " + nodeId)) {
            return Optional.empty();
        }
        return Optional.of(ENDED + " (its PipeWire stream " + nodeId + " is gone).");
    }

    void close() {
        closing = true;
        process.destroy();
        try {
            if (!process.waitFor(1, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        deleteFolder(folder);
    }

    private void readErrors() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                if (!closing) {
                    LOG.warn("GStreamer: {}", line.strip());
                }
                synchronized (lastLines) {
                    lastLines.add(line.strip());
                    if (lastLines.size() > STDERR_LINES_KEPT) {
                        lastLines.remove(0);
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("GStreamer's stderr closed: {}", e.getMessage());
        }
    }

    private static void deleteFolder(Path folder) {
        if (folder == null) {
            return;
        }
        try {
            Files.deleteIfExists(folder.resolve("frames.yuv"));
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            LOG.debug("Could not delete {}: {}", folder, e.getMessage());
        }
    }
}
