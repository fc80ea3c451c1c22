package io.stereospot.media.testenv;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A desktop for tests: a private X display, a private PulseAudio whose default sink is a null sink, and helpers to
 * put moving pictures and sound on them. Close it to end everything it started.
 */
public final class TestDesktop implements AutoCloseable {

    private final XvfbDisplay xvfb;
    private final PulseAudioServer pulse;
    private final Map<String, String> environment;
    private final List<AutoCloseable> started = new CopyOnWriteArrayList<>();

    private TestDesktop(XvfbDisplay xvfb, PulseAudioServer pulse) {
        this.xvfb = xvfb;
        this.pulse = pulse;
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        env.putAll(xvfb.environment());
        env.putAll(pulse.environment());
        this.environment = Map.copyOf(env);
    }

    /** Starts Xvfb at {@code width}×{@code height} and PulseAudio with its state under {@code workDir}. */
    public static TestDesktop start(Path workDir, int width, int height) {
        XvfbDisplay xvfb = XvfbDisplay.start(width, height);
        try {
            return new TestDesktop(xvfb, PulseAudioServer.start(workDir));
        } catch (RuntimeException | Error e) {
            xvfb.close();
            throw e;
        }
    }

    /** DISPLAY, PulseAudio's runtime dir and PATH: what a capture process needs, nothing of the host's desktop. */
    public Map<String, String> environment() {
        return environment;
    }

    public String display() {
        return xvfb.display();
    }

    /** The null sink everything plays into; record its {@code .monitor}. */
    public String sink() {
        return PulseAudioServer.SINK;
    }

    /**
     * Opens an xterm titled {@code title} at the given place and size (pixels), printing the time as fast as it
     * can: moving content. Returns its X window id once it is shown.
     */
    public long openMovingWindow(String title, int x, int y, int widthPx, int heightPx) {
        return openXterm(title, x, y, widthPx, heightPx, List.of("-bg", "black", "-fg", "green",
                "-e", "sh", "-c", "while :; do date +%s.%N; done"));
    }

    /** Opens a plain white window (no text) and returns its id once shown; a flash when mapped over content. */
    public long openWhiteWindow(String title, int x, int y, int widthPx, int heightPx) {
        return openXterm(title, x, y, widthPx, heightPx, List.of("-bg", "white", "-fg", "white",
                "-e", "sh", "-c", "sleep 100000"));
    }

    private long openXterm(String title, int x, int y, int widthPx, int heightPx, List<String> extra) {
        // xterm sizes in character cells; 6×13 is the "fixed" font it falls back to under a bare Xvfb.
        int columns = Math.max(2, widthPx / 6);
        int rows = Math.max(2, heightPx / 13);
        List<String> command = new ArrayList<>(List.of("xterm", "-T", title, "-geometry",
                columns + "x" + rows + "+" + x + "+" + y, "-fn", "fixed", "-b", "0", "+sb"));
        command.addAll(extra);
        Process xterm = ChildProcesses.start(command, environment, null);
        started.add(() -> ChildProcesses.end(xterm));
        return Await.value(() -> findWindow(title), Duration.ofSeconds(15), "window '" + title + "' to appear");
    }

    /** The id of the shown window titled exactly {@code title}, or null. */
    public Long findWindow(String title) {
        try {
            String out = ChildProcesses.run(List.of("xdotool", "search", "--onlyvisible", "--name",
                    "^" + posixRegexQuote(title) + "$"), environment, 5000);
            String first = out.strip().split("\\s+")[0];
            return first.isEmpty() ? null : Long.parseLong(first);
        } catch (AssertionError e) {
            return null;
        }
    }

    /** xdotool matches POSIX extended regexes, which know no \Q…\E quoting. */
    private static String posixRegexQuote(String text) {
        return text.replaceAll("[\\\\^$.|?*+()\\[\\]{}]", "\\\\$0");
    }

    public void mapWindow(long id) {
        xdotool("windowmap", id);
    }

    public void unmapWindow(long id) {
        xdotool("windowunmap", id);
    }

    /** Destroys the window (as closing it would), without waiting for its program. */
    public void closeWindow(long id) {
        xdotool("windowkill", id);
    }

    private void xdotool(String action, long id) {
        ChildProcesses.run(List.of("xdotool", action, Long.toString(id)), environment, 5000);
    }

    /** A 440 Hz (or other) tone into the null sink, on while {@code toneOn} says so for each 10 ms block. */
    public PcmPlayer playTone(double frequencyHz, java.util.function.IntPredicate toneOn) {
        PcmPlayer player = new PcmPlayer(environment, sink(), frequencyHz, toneOn);
        started.add(player);
        return player;
    }

    /** A PNG of the whole display right now, for a test's artifacts. */
    public void screenshot(Path png) {
        ChildProcesses.run(List.of("import", "-window", "root", png.toString()), environment, 10_000);
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception ignored) {
                // Best effort: the display and sound server below go anyway.
            }
        }
        pulse.close();
        xvfb.close();
    }
}
