package io.stereospot.media.testenv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A desktop for tests: a private X display, a private PulseAudio whose default sink is a null sink, and helpers to
 * put moving pictures and sound on them. Close it to end everything it started.
 */
public final class TestDesktop implements AutoCloseable {

    private final Path workDir;
    private final XvfbDisplay xvfb;
    private final PulseAudioServer pulse;
    private final Map<String, String> environment;
    private final List<AutoCloseable> started = new CopyOnWriteArrayList<>();
    private Process xdotool;

    private TestDesktop(Path workDir, XvfbDisplay xvfb, PulseAudioServer pulse) {
        this.workDir = workDir;
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
        return start(workDir, width, height, false);
    }

    /** Like {@link #start(Path, int, int)}, with a microphone when asked ({@link #playIntoMicrophone}). */
    public static TestDesktop start(Path workDir, int width, int height, boolean microphone) {
        XvfbDisplay xvfb = XvfbDisplay.start(width, height);
        try {
            return new TestDesktop(workDir, xvfb, PulseAudioServer.start(workDir, microphone));
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
        return openMovingWindow(title, x, y, widthPx, heightPx, "while :; do date +%s.%N; done");
    }

    /** Like {@link #openMovingWindow(String, int, int, int, int)} with its own shell command printing text. */
    public long openMovingWindow(String title, int x, int y, int widthPx, int heightPx, String shellCommand) {
        return openXterm(title, x, y, widthPx, heightPx, List.of("-bg", "black", "-fg", "green",
                "-e", "sh", "-c", shellCommand));
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
        Process xterm = HelperPrograms.start(command, environment, null);
        started.add(() -> HelperPrograms.end(xterm));
        return Await.value(() -> findWindow(title), Duration.ofSeconds(15), "window '" + title + "' to appear");
    }

    /** The id of the shown window titled exactly {@code title}, or null. */
    public Long findWindow(String title) {
        try {
            String out = HelperPrograms.run(List.of("xdotool", "search", "--onlyvisible", "--name",
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
        HelperPrograms.run(List.of("xdotool", "windowkill", Long.toString(id)), environment, 5000);
    }

    /**
     * Through one long-running {@code xdotool -} that reads commands from its stdin: a map or unmap then takes
     * about a millisecond instead of a process start (tens of ms under load), which an A/V sync test needs.
     */
    private synchronized void xdotool(String action, long id) {
        try {
            if (xdotool == null || !xdotool.isAlive()) {
                xdotool = HelperPrograms.start(List.of("xdotool", "-"), environment, null);
                HelperPrograms.prioritise(xdotool);
                Process started = xdotool;
                this.started.add(() -> HelperPrograms.end(started));
            }
            xdotool.getOutputStream().write((action + " " + id + "\n").getBytes(StandardCharsets.US_ASCII));
            xdotool.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException("xdotool stopped", e);
        }
    }

    /** Plays a WAV into the null sink in the background, until it ends or the desktop closes. */
    public void play(Path wav) {
        Process player = pulse.play(wav);
        started.add(() -> HelperPrograms.end(player));
    }

    /** Plays a WAV into the test microphone (the desktop must have been started with one). */
    public void playIntoMicrophone(Path wav) {
        Process player = pulse.play(wav, PulseAudioServer.MICROPHONE_SINK);
        started.add(() -> HelperPrograms.end(player));
    }

    /**
     * Every {@code periodMs}: maps the white window {@code whiteWindow} and starts a 200 ms 1 kHz beep in the same
     * millisecond, unmapping the window 200 ms later: a flash with a beep, to measure audio/video offset. The
     * first flash comes after {@code firstDelayMs}. Stops when the desktop closes.
     */
    public void startFlashesWithBeeps(long whiteWindow, long firstDelayMs, long periodMs) {
        Process silence = pulse.playSilence();
        started.add(() -> HelperPrograms.end(silence));
        pulse.uploadSample(WavFiles.sine(workDir.resolve("beep.wav"), 1000, 0.2), "beep");
        PulseAudioServer.SampleTrigger trigger = pulse.sampleTrigger();
        started.add(trigger);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "flash-and-beep");
            thread.setDaemon(true);
            return thread;
        });
        started.add(clock::shutdownNow);
        clock.execute(() -> Thread.currentThread().setPriority(Thread.MAX_PRIORITY));
        clock.scheduleAtFixedRate(() -> {
            mapWindow(whiteWindow);
            trigger.play("beep");
        }, firstDelayMs, periodMs, TimeUnit.MILLISECONDS);
        clock.scheduleAtFixedRate(() -> unmapWindow(whiteWindow), firstDelayMs + 200, periodMs,
                TimeUnit.MILLISECONDS);
    }

    /** A PNG of the whole display right now, for a test's artifacts. */
    public void screenshot(Path png) {
        HelperPrograms.run(List.of("import", "-window", "root", png.toString()), environment, 10_000);
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
