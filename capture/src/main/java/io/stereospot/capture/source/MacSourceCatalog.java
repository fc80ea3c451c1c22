package io.stereospot.capture.source;

import io.stereospot.media.FfmpegCommandLine;
import io.stereospot.media.process.ExternalProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * macOS: screens and microphones from FFmpeg's avfoundation list, screen sizes from system_profiler. avfoundation
 * captures whole screens only, so no windows are offered. Built and golden-tested here, not run on macOS by this
 * project's tests. System audio needs a loopback device (e.g. BlackHole) and is not offered yet.
 */
final class MacSourceCatalog implements SourceCatalog {

    private static final Pattern SCREEN_NAME = Pattern.compile("Capture screen (\\d+)");
    private static final Pattern RESOLUTION = Pattern.compile("Resolution:\\s*(\\d+)\\s*x\\s*(\\d+)");

    private final Map<String, String> environment;

    MacSourceCatalog(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Platform platform() {
        return Platform.MACOS;
    }

    private String deviceList() {
        return ExternalProcess.attempt(FfmpegCommandLine.ffmpeg().logLevel("info").with(
                "-f", "avfoundation", "-list_devices", "true", "-i", ""), environment, Duration.ofMillis(10_000))
                .stderr();
    }

    @Override
    public List<CaptureSource> videoSources() {
        List<int[]> sizes = new ArrayList<>();
        Matcher m = RESOLUTION.matcher(ExternalProcess.attempt(List.of("system_profiler", "SPDisplaysDataType"),
                environment, Duration.ofMillis(15_000)).stdoutText());
        while (m.find()) {
            sizes.add(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))});
        }
        List<CaptureSource> screens = new ArrayList<>();
        for (FfmpegDeviceList.Device device : FfmpegDeviceList.avfoundation(deviceList(), "video")) {
            Matcher screen = SCREEN_NAME.matcher(device.name());
            if (screen.matches()) {
                int index = Integer.parseInt(screen.group(1));
                int[] size = index < sizes.size() ? sizes.get(index) : new int[] {1920, 1080};
                screens.add(new CaptureSource.Screen(index, 0, 0, size[0], size[1]));
            }
        }
        return screens;
    }

    @Override
    public List<AudioSource> audioSources() {
        return FfmpegDeviceList.avfoundation(deviceList(), "audio").stream().limit(1)
                .map(d -> AudioSource.microphone("Microphone: " + d.name(), d.id())).toList();
    }

    @Override
    public byte[] thumbnailPng(CaptureSource source, int maxWidth) {
        if (!(source instanceof CaptureSource.Screen s)) {
            throw new SourceUnavailableException("On macOS only whole screens can be captured.");
        }
        return Thumbnails.grab(source, List.of("-f", "avfoundation", "-capture_cursor", "0",
                "-i", "Capture screen " + s.index() + ":none"), maxWidth, environment, 15_000);
    }

    @Override
    public Optional<String> platformWarning() {
        return Optional.of("macOS support is built but not yet verified on a Mac. Only whole screens can be"
                + " captured, and system audio needs a loopback device (such as BlackHole), which StereoSpot does"
                + " not set up yet: the stream carries the microphone, or silence.");
    }

    @Override
    public Optional<String> captureProblem(CaptureSource source) {
        return source instanceof CaptureSource.Window
                ? Optional.of("On macOS StereoSpot can capture a whole screen, not a single window: pick a screen.")
                : Optional.empty();
    }

    @Override
    public boolean isAvailable(CaptureSource source) {
        return source instanceof CaptureSource.Screen;
    }

    @Override
    public Map<String, String> processEnvironment() {
        return environment;
    }
}
