package io.stereospot.capture.source;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Pictures that a helper program grabs and hands to FFmpeg as raw frames, where FFmpeg cannot grab them itself
 * (Wayland: the portal's PipeWire stream, read by GStreamer). Frames go from the helper to FFmpeg through a named
 * pipe, never through the JVM. Closing it ends the helper and whatever the catalog opened for it.
 */
public interface VideoFeed extends AutoCloseable {

    /**
     * What FFmpeg reads: {@code yuv420p} frames of {@code width}×{@code height} at {@code fps} from {@code pipe}.
     */
    record RawInput(Path pipe, int width, int height, int fps) {
    }

    RawInput input();

    /**
     * A sentence when the feed ended by itself (the shared window closed, the portal ended the cast), after waiting
     * up to {@code wait} for the helper to finish; empty while it runs.
     */
    Optional<String> ended(Duration wait);

    /**
     * Asked when FFmpeg has had no frame for a while: a sentence when the stream itself is gone (the PipeWire node
     * went away while the helper still waits on it), else empty.
     */
    Optional<String> lost();

    /** What was chosen, for a person: "Entire screen through the system's screen sharing (1280×720)". */
    String description();

    @Override
    void close();
}
