package io.stereospot.capture.source;

import io.stereospot.media.process.ExternalProcess;
import io.stereospot.media.process.LongLivedProcess;
import io.stereospot.media.process.StopStep.Ask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final LongLivedProcess process;
    private final Path folder;
    private final VideoFeed.RawInput input;
    private volatile boolean closing;

    private PipeWireFeed(int nodeId, Map<String, String> environment, Path folder, VideoFeed.RawInput input)
            throws IOException {
        this.nodeId = nodeId;
        this.environment = environment;
        this.folder = folder;
        this.input = input;
        // Closed with its broadcast; ended with the JVM if that goes first, so none is left waiting on PipeWire.
        this.process = LongLivedProcess.of(command(nodeId, input)).name("gstreamer").environment(environment)
                .stderrTail(STDERR_LINES_KEPT, line -> line).stderrLines(this::warn).start();
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
            PipeWireFeed feed = new PipeWireFeed(nodeId, environment, folder, input);
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
            if (closing || !process.exitedWithin(wait)) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        String last = process.lastStderrLine();
        String said = last.isEmpty() ? "" : " (GStreamer: " + last + ")";
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
        process.stop(List.of(Ask.TERMINATE.within(Duration.ofSeconds(1))));
        deleteFolder(folder);
    }

    private void warn(String line) {
        if (!closing) {
            LOG.warn("GStreamer: {}", line);
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
