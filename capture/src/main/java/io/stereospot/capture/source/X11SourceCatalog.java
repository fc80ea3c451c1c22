package io.stereospot.capture.source;

import io.stereospot.media.process.ExternalProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Linux with an X display (or XWayland): screens from RandR monitors, windows from the X window tree (there may
 * be no window manager, so no EWMH client list), audio from PulseAudio or PipeWire's pulse server.
 */
final class X11SourceCatalog implements SourceCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(X11SourceCatalog.class);
    private static final Duration HELPER_TIMEOUT = Duration.ofMillis(5_000);
    /** {@code  0: +*DP-1 1920/527x1080/296+0+0  DP-1}. */
    private static final Pattern MONITOR = Pattern.compile(
            "^\\s*(\\d+):\\s+\\S+\\s+(\\d+)/\\d+x(\\d+)/\\d+\\+(-?\\d+)\\+(-?\\d+)\\b.*$");
    /** {@code  0x20000c "xterm": ("xterm" "XTerm")  484x316+0+0  +0+0}. */
    private static final Pattern TREE_WINDOW = Pattern.compile(
            "^\\s*(0x[0-9a-fA-F]+) \"(.*)\":.*?\\s(\\d+)x(\\d+)[+-]-?\\d+[+-]-?\\d+\\s+[+-]-?\\d+[+-]-?\\d+\\s*$");
    /** {@code  0x20000c (name in unsupported encoding COMPOUND_TEXT): ("xterm" "XTerm")  484x316+0+0  +0+0}. */
    private static final Pattern TREE_WINDOW_ENCODED = Pattern.compile(
            "^\\s*(0x[0-9a-fA-F]+) \\(name in unsupported encoding [^)]*\\):.*?\\s(\\d+)x(\\d+)[+-]-?\\d+[+-]-?\\d+"
                    + "\\s+[+-]-?\\d+[+-]-?\\d+\\s*$");
    /** {@code WM_NAME(COMPOUND_TEXT) = "Picker – ü"}. */
    private static final Pattern XPROP_NAME = Pattern.compile("^[A-Z_]+\\([A-Z_0-9]+\\) = \"(.*)\"\\s*$");
    private static final Pattern DIMENSIONS = Pattern.compile("dimensions:\\s+(\\d+)x(\\d+) pixels");
    /** Windows smaller than this are helpers (input-method, clipboard owners), not something to watch. */
    private static final int MIN_WINDOW_SIDE = 32;

    private final Map<String, String> environment;
    private final Map<String, String> helperEnvironment;

    X11SourceCatalog(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        // xwininfo and xprop print window names as UTF-8 only under a UTF-8 locale.
        Map<String, String> helpers = new java.util.HashMap<>(environment);
        helpers.put("LC_ALL", "C.UTF-8");
        this.helperEnvironment = Map.copyOf(helpers);
    }

    @Override
    public Platform platform() {
        return Platform.LINUX_X11;
    }

    @Override
    public Map<String, String> processEnvironment() {
        return environment;
    }

    /** The X display FFmpeg opens, e.g. {@code :0}. */
    String display() {
        String display = environment.get("DISPLAY");
        if (display == null || display.isBlank()) {
            throw new SourceUnavailableException(
                    "No X display to capture: DISPLAY is not set (run StereoSpot inside your desktop session).");
        }
        return display;
    }

    @Override
    public List<CaptureSource> videoSources() {
        List<CaptureSource> sources = new ArrayList<>(screens());
        sources.addAll(windows());
        return sources;
    }

    List<CaptureSource.Screen> screens() {
        display();
        ExternalProcess.Output monitors = run(List.of("xrandr", "--listmonitors"));
        List<CaptureSource.Screen> screens = new ArrayList<>();
        if (monitors.succeeded()) {
            for (String line : monitors.stdoutText().split("\n")) {
                Matcher m = MONITOR.matcher(line);
                if (m.matches()) {
                    screens.add(new CaptureSource.Screen(Integer.parseInt(m.group(1)),
                            Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                            Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
                }
            }
        }
        if (screens.isEmpty()) {
            // No RandR (some Xvfb and VNC servers): the whole root window is the one screen.
            ExternalProcess.Output info = run(List.of("xdpyinfo"));
            Matcher m = DIMENSIONS.matcher(info.stdoutText());
            if (!info.succeeded() || !m.find()) {
                throw new SourceUnavailableException("The X display " + display()
                        + " does not answer: is the desktop session running? (" + info.stderrFirstLine() + ")");
            }
            screens.add(new CaptureSource.Screen(0, 0, 0, Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2))));
        }
        return screens;
    }

    List<CaptureSource.Window> windows() {
        ExternalProcess.Output tree = run(List.of("xwininfo", "-root", "-tree"));
        if (!tree.succeeded()) {
            LOG.warn("xwininfo failed: {}", tree.stderrFirstLine());
            return List.of();
        }
        Set<Long> viewable = viewableNamedWindows();
        List<CaptureSource.Window> windows = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (String line : tree.stdoutText().split("\n")) {
            Matcher m = TREE_WINDOW.matcher(line);
            Matcher encoded = TREE_WINDOW_ENCODED.matcher(line);
            long handle;
            String title;
            int width;
            int height;
            if (m.matches()) {
                handle = Long.parseUnsignedLong(m.group(1).substring(2), 16);
                title = unescape(m.group(2));
                width = Integer.parseInt(m.group(3));
                height = Integer.parseInt(m.group(4));
            } else if (encoded.matches()) {
                // xterm and other old-style clients set WM_NAME in COMPOUND_TEXT, which xwininfo cannot print.
                handle = Long.parseUnsignedLong(encoded.group(1).substring(2), 16);
                width = Integer.parseInt(encoded.group(2));
                height = Integer.parseInt(encoded.group(3));
                title = viewable.contains(handle) ? compoundTextName(encoded.group(1)) : "";
            } else {
                continue;
            }
            if (title.isBlank() || width < MIN_WINDOW_SIDE || height < MIN_WINDOW_SIDE
                    || !viewable.contains(handle) || !seen.add(handle)) {
                continue;
            }
            windows.add(new CaptureSource.Window(handle, title, width, height));
        }
        return windows;
    }

    /** The window's name as xprop decodes it (it knows COMPOUND_TEXT), or empty. */
    private String compoundTextName(String hexId) {
        ExternalProcess.Output result = run(List.of("xprop", "-id", hexId, "WM_NAME"));
        Matcher m = XPROP_NAME.matcher(result.stdoutText().strip());
        return result.succeeded() && m.matches() ? unescape(m.group(1)) : "";
    }

    /** Named windows whose map state is IsViewable (shown, and every ancestor shown). */
    private Set<Long> viewableNamedWindows() {
        ExternalProcess.Output search = run(List.of("xdotool", "search", "--onlyvisible", "--name", "."));
        Set<Long> ids = new HashSet<>();
        for (String line : search.stdoutText().split("\n")) {
            String id = line.strip();
            if (!id.isEmpty() && id.chars().allMatch(Character::isDigit)) {
                ids.add(Long.parseLong(id));
            }
        }
        return ids;
    }

    @Override
    public List<AudioSource> audioSources() {
        ExternalProcess.Output info = run(List.of("pactl", "info"));
        if (!info.succeeded()) {
            LOG.info("No PulseAudio/PipeWire server answered: {}", info.stderrFirstLine());
            return List.of();
        }
        String defaultSink = field(info.stdoutText(), "Default Sink");
        String defaultSource = field(info.stdoutText(), "Default Source");
        List<AudioSource> sources = new ArrayList<>();
        if (defaultSink != null && !defaultSink.isBlank()) {
            sources.add(AudioSource.system("System audio (what you hear)", defaultSink + ".monitor"));
        }
        // With no microphone, PulseAudio's default source is a monitor: that is not a microphone.
        if (defaultSource != null && !defaultSource.isBlank() && !defaultSource.endsWith(".monitor")) {
            sources.add(AudioSource.microphone("Microphone (" + defaultSource + ")", defaultSource));
        }
        return sources;
    }

    @Override
    public byte[] thumbnailPng(CaptureSource source, int maxWidth) {
        List<String> input = new ArrayList<>(List.of("-f", "x11grab", "-draw_mouse", "0"));
        if (source instanceof CaptureSource.Screen s) {
            input.addAll(List.of("-video_size", s.width() + "x" + s.height(),
                    "-i", display() + "+" + s.x() + "," + s.y()));
        } else if (source instanceof CaptureSource.Window w) {
            input.addAll(List.of("-window_id", w.hexHandle(), "-i", display()));
        }
        return Thumbnails.grab(source, input, maxWidth, environment, 10_000);
    }

    @Override
    public Optional<String> platformWarning() {
        if (isWayland()) {
            return Optional.of("This is a Wayland session: StereoSpot can only capture windows of X11 programs"
                    + " (XWayland) here, and a screen may come out black. Log in with an X11 (Xorg) session to"
                    + " capture anything on the desktop.");
        }
        if (environment.getOrDefault("DISPLAY", "").isBlank()) {
            return Optional.of("No X display (DISPLAY is not set): run StereoSpot inside your desktop session.");
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> captureProblem(CaptureSource source) {
        if (environment.getOrDefault("DISPLAY", "").isBlank()) {
            return Optional.of("No X display to capture: DISPLAY is not set (run StereoSpot inside your desktop"
                    + " session).");
        }
        if (source instanceof CaptureSource.Screen && isWayland()) {
            return Optional.of("This is a Wayland session: a screen captured through X11 comes out black here."
                    + " Pick the window of an X11 program, or log in with an X11 (Xorg) session.");
        }
        return Optional.empty();
    }

    private boolean isWayland() {
        return environment.getOrDefault("XDG_SESSION_TYPE", "").equalsIgnoreCase("wayland")
                || !environment.getOrDefault("WAYLAND_DISPLAY", "").isBlank();
    }

    @Override
    public boolean isAvailable(CaptureSource source) {
        if (source instanceof CaptureSource.Window w) {
            ExternalProcess.Output info = run(List.of("xwininfo", "-id", w.hexHandle()));
            return info.succeeded() && info.stdoutText().contains("Map State: IsViewable");
        }
        return run(List.of("xdpyinfo")).succeeded();
    }

    private ExternalProcess.Output run(List<String> command) {
        return ExternalProcess.attempt(command, helperEnvironment, HELPER_TIMEOUT);
    }

    private static String field(String text, String name) {
        for (String line : text.split("\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).strip();
            }
        }
        return null;
    }

    private static String unescape(String quoted) {
        return quoted.replace("\\\"", "\"").replace("\\\\", "\\");
    }

}
