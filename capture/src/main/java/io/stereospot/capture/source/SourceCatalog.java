package io.stereospot.capture.source;

import io.stereospot.media.FfmpegBinaries;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What this computer can capture, per platform. Methods may take a moment (they ask X11 / PulseAudio / the OS):
 * call them off the UI thread.
 */
public interface SourceCatalog {

    Platform platform();

    /**
     * Every screen, then every top-level window that has a title.
     *
     * @throws SourceUnavailableException with a sentence when nothing can be listed (no X display)
     */
    List<CaptureSource> videoSources();

    /** System audio (when the platform can capture it) and the microphone (when there is one). */
    List<AudioSource> audioSources();

    /**
     * A small PNG of the source as it looks now, at most {@code maxWidth} pixels wide (aspect kept).
     *
     * @throws SourceUnavailableException with a sentence when it cannot be grabbed (window gone, no display)
     */
    byte[] thumbnailPng(CaptureSource source, int maxWidth);

    /**
     * A sentence when capture on this session will not work as expected, e.g. a Wayland session where x11grab
     * sees only XWayland windows and may capture black. Shown by {@code sources} and at start.
     */
    Optional<String> platformWarning();

    /**
     * A sentence when this source cannot be captured properly on this session (a screen on Wayland comes out
     * black): the broadcast refuses to start rather than stream black. Empty when capture should work.
     */
    default Optional<String> captureProblem(CaptureSource source) {
        return Optional.empty();
    }

    /** Whether the source can still be captured now (a window still exists and is mapped). */
    boolean isAvailable(CaptureSource source);

    /**
     * The environment FFmpeg and helper programs run with (DISPLAY, XDG_RUNTIME_DIR/PULSE_SERVER on Linux);
     * tests point it at their own Xvfb and PulseAudio.
     */
    Map<String, String> processEnvironment();

    /**
     * The audio inputs FFmpeg opens for the chosen ones. Windows starts the helper's WASAPI feeds here and
     * returns them with their sockets as devices; elsewhere FFmpeg opens the devices itself.
     */
    default List<AudioSource> openAudio(List<AudioSource> chosen) {
        return chosen;
    }

    /**
     * Starts what hands the picture of {@code source} to FFmpeg as raw frames of {@code width}×{@code height}
     * at {@code fps}, where FFmpeg cannot grab it itself (a portal source on Wayland); empty when FFmpeg grabs it.
     *
     * @throws SourceUnavailableException with a sentence: no portal, the dialog cancelled, GStreamer's PipeWire
     *                                    plugin missing
     */
    default Optional<VideoFeed> openVideo(CaptureSource source, int width, int height, int fps) {
        return Optional.empty();
    }

    /** How screens are grabbed on Windows (ddagrab when it starts, else gdigrab); other platforms ignore it. */
    default ScreenGrabber screenGrabber() {
        return ScreenGrabber.GDIGRAB;
    }

    /** The FFmpeg that captures here: the bundled one; on Windows under Wine, the Windows one the tests give. */
    default Path ffmpeg() {
        return FfmpegBinaries.ffmpeg();
    }

    /** How FFmpeg is started and stopped here: directly, or under Wine in the tests. */
    default ProgramLauncher launcher() {
        return ProgramLauncher.DIRECT;
    }

    /** The source an id ({@code screen:0}, {@code window:0x1e00003}) names, if it exists now. */
    default Optional<CaptureSource> find(String id) {
        return videoSources().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    default Optional<AudioSource> audio(AudioSource.Kind kind) {
        return audioSources().stream().filter(a -> a.kind() == kind).findFirst();
    }

    /** The catalog of the platform this JVM runs on, with this process's environment. */
    static SourceCatalog forThisPlatform() {
        return forThisPlatform(System.getenv());
    }

    /** The catalog of this platform, with child programs run in {@code environment} (DISPLAY etc.). */
    static SourceCatalog forThisPlatform(Map<String, String> environment) {
        return SourceCatalogs.create(Platform.current(), environment);
    }
}
