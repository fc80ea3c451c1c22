package io.stereospot.capture.source;

import io.stereospot.media.process.ExternalProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Windows 10+: screens and windows from our helper {@code stereospot-win.exe list} (EnumDisplayMonitors,
 * EnumWindows); system audio (WASAPI loopback) and the microphone (WASAPI capture) from the helper's PCM feeds;
 * FFmpeg grabs the picture (ddagrab for screens when it starts, else gdigrab; gdigrab {@code hwnd=} for windows).
 * The Wine test (WindowsUnderWineIntegrationTest) runs all of it except loopback and ddagrab, which need real
 * Windows.
 */
final class WindowsSourceCatalog implements SourceCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(WindowsSourceCatalog.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);

    private final Map<String, String> environment;
    private final WindowsTools tools;
    private final WindowsHelper helper;
    private volatile ScreenGrabber screenGrabber;

    WindowsSourceCatalog(Map<String, String> environment) {
        this(environment, WindowsTools.bundled());
    }

    WindowsSourceCatalog(Map<String, String> environment, WindowsTools tools) {
        this.environment = Map.copyOf(environment);
        this.tools = tools;
        this.helper = new WindowsHelper(tools, this.environment);
    }

    @Override
    public Platform platform() {
        return Platform.WINDOWS;
    }

    @Override
    public List<CaptureSource> videoSources() {
        return helper.list();
    }

    @Override
    public List<AudioSource> audioSources() {
        // Both always exist on Windows: WASAPI has a default render and capture endpoint, and when a device is
        // missing or refuses (loopback before Wine 9.12), the helper says so and sends silence.
        return List.of(AudioSource.system("System audio (what you hear)", "system"),
                AudioSource.microphone("Microphone (default)", "mic"));
    }

    @Override
    public List<AudioSource> openAudio(List<AudioSource> chosen) {
        return chosen.stream().map(helper::startFeed).toList();
    }

    /**
     * ddagrab when it delivers a frame here, else gdigrab; asked once, since each FFmpeg start costs a second or
     * more. The log says which, and why.
     */
    @Override
    public ScreenGrabber screenGrabber() {
        ScreenGrabber known = screenGrabber;
        if (known == null) {
            ExternalProcess.Output probe = ExternalProcess.attempt(tools.ffmpegCommandLine().with(
                    "-f", "lavfi", "-i", "ddagrab=output_idx=0:framerate=5",
                    "-frames:v", "1", "-f", "null", "-"), environment, PROBE_TIMEOUT);
            if (probe.succeeded()) {
                known = ScreenGrabber.DDAGRAB;
                LOG.info("Screens are captured with ddagrab (Desktop Duplication)");
            } else {
                known = ScreenGrabber.GDIGRAB;
                LOG.info("ddagrab did not start ({}); screens are captured with gdigrab", probe.stderrFirstLine());
            }
            screenGrabber = known;
        }
        return known;
    }

    @Override
    public Path ffmpeg() {
        return tools.ffmpeg();
    }

    @Override
    public ProgramLauncher launcher() {
        return tools.launcher();
    }

    @Override
    public byte[] thumbnailPng(CaptureSource source, int maxWidth) {
        List<String> input = new ArrayList<>(List.of("-f", "gdigrab", "-draw_mouse", "0"));
        if (source instanceof CaptureSource.Window w) {
            input.addAll(List.of("-i", "hwnd=" + w.hexHandle()));
        } else if (source instanceof CaptureSource.Screen s) {
            input.addAll(List.of("-offset_x", Integer.toString(s.x()), "-offset_y", Integer.toString(s.y()),
                    "-video_size", s.width() + "x" + s.height(), "-i", "desktop"));
        }
        return Thumbnails.grab(source, tools.ffmpegCommandLine().program(), input,
                maxWidth, environment, 10_000);
    }

    @Override
    public Optional<String> platformWarning() {
        return Optional.empty();
    }

    @Override
    public boolean isAvailable(CaptureSource source) {
        if (source instanceof CaptureSource.Window w) {
            return videoSources().stream().anyMatch(s -> s instanceof CaptureSource.Window o
                    && o.handle() == w.handle());
        }
        return true;
    }

    @Override
    public Map<String, String> processEnvironment() {
        return environment;
    }
}
