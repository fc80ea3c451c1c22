package io.stereospot.capture.testing;

import io.stereospot.capture.source.portal.PortalException;
import io.stereospot.capture.source.portal.PortalScreenCast;
import io.stereospot.media.testenv.Await;
import io.stereospot.media.testenv.PulseAudioServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Wayland desktop for tests, all private to one folder: a D-Bus session bus, headless sway (pixman renderer, no
 * input devices), PipeWire and WirePlumber, xdg-desktop-portal with its wlroots back end, PulseAudio with a null sink
 * for sound, and a Wayland client of the test's choosing. The back end's chooser, the
 * stand-in for the system's dialog, is a script that notes each time it is asked ({@link #timesChooserAsked}) and
 * picks {@code HEADLESS-1}; the back end runs with the shim {@code src/test/c/xdpw-shm-only.c} (see there). sway
 * refuses to start as root, so as root it runs in a user namespace of its own, where it is not.
 */
public final class WaylandDesktop implements AutoCloseable {

    /** Programs the desktop needs, each with the Debian package that has it. */
    private static final Map<String, String> PROGRAMS = Map.ofEntries(
            Map.entry("sway", "sway"),
            Map.entry("pipewire", "pipewire"),
            Map.entry("wireplumber", "wireplumber"),
            Map.entry("/usr/libexec/xdg-desktop-portal", "xdg-desktop-portal"),
            Map.entry("/usr/libexec/xdg-desktop-portal-wlr", "xdg-desktop-portal-wlr"),
            Map.entry("gst-launch-1.0", "gstreamer1.0-tools"),
            Map.entry("mpv", "mpv"),
            Map.entry("dbus-daemon", "dbus"),
            Map.entry("unshare", "util-linux"),
            Map.entry("gcc", "gcc"));
    /** See the comment in the file: lets xdg-desktop-portal-wlr 0.7 cast from a compositor without a GPU. */
    private static final Path SHM_ONLY_SHIM = Path.of("src/test/c/xdpw-shm-only.c");
    /** sway's own background colour where no window is: not the client's picture. */
    public static final String DESKTOP_BACKGROUND = "203040";
    public static final int WIDTH = 1280;
    public static final int HEIGHT = 720;

    private final Path dir;
    private final List<String> client;
    private final Map<String, Process> processes = new java.util.LinkedHashMap<>();
    private final Map<String, String> environment = new HashMap<>();
    private PulseAudioServer pulse;

    private WaylandDesktop(Path dir, List<String> client) {
        this.dir = dir;
        this.client = client;
    }

    /** The packages missing for this desktop, if any: the test is skipped with them named. */
    public static Optional<String> missingPackages() {
        List<String> missing = new ArrayList<>();
        PROGRAMS.forEach((program, pkg) -> {
            boolean found = program.startsWith("/") ? Files.isExecutable(Path.of(program))
                    : Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
                            .anyMatch(p -> Files.isExecutable(Path.of(p, program)));
            if (!found) {
                missing.add(pkg);
            }
        });
        if (missing.isEmpty() && !Files.isDirectory(Path.of("/usr/lib/x86_64-linux-gnu/gstreamer-1.0"))) {
            missing.add("gstreamer1.0-pipewire");
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", missing.stream().sorted()
                .distinct().toList()));
    }

    /**
     * Starts it all under {@code dir} (short paths: socket names have a length limit), with {@code client} on the
     * screen (sway shows it full screen). weston-simple-shm aborts on sway 1.7 ("Both buffers busy at redraw()").
     */
    public static WaylandDesktop start(Path dir, List<String> client) {
        WaylandDesktop desktop = new WaylandDesktop(dir, client);
        try {
            desktop.startAll();
            return desktop;
        } catch (IOException e) {
            desktop.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            desktop.close();
            throw e;
        }
    }

    private void startAll() throws IOException {
        Path runtime = Files.createDirectories(dir.resolve("xdg"));
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.createDirectories(config.resolve("xdg-desktop-portal-wlr"));
        // The stand-in for the system's dialog: a chooser that notes each time it is asked and picks HEADLESS-1.
        Path chooser = dir.resolve("chooser.sh");
        Files.writeString(chooser, "#!/bin/sh\necho asked >> " + dir.resolve("chooser.log") + "\necho HEADLESS-1\n");
        chooser.toFile().setExecutable(true);
        Files.writeString(config.resolve("xdg-desktop-portal-wlr/config"),
                "[screencast]\noutput_name=HEADLESS-1\nchooser_type=simple\nchooser_cmd=" + chooser + "\n");
        Files.writeString(dir.resolve("sway.config"), "output HEADLESS-1 resolution " + WIDTH + "x" + HEIGHT
                + " bg #" + DESKTOP_BACKGROUND + " solid_color\nxwayland disable\ndefault_border none\n");
        pulse = PulseAudioServer.start(dir.resolve("pulse"));
        environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        environment.put("HOME", Files.createDirectories(dir.resolve("home")).toString());
        environment.put("XDG_RUNTIME_DIR", runtime.toString());
        environment.put("XDG_CONFIG_HOME", config.toString());
        environment.put("XDG_CURRENT_DESKTOP", "sway");
        environment.put("XDG_SESSION_TYPE", "wayland");
        environment.put("PULSE_SERVER", pulse.environment().get("PULSE_SERVER"));

        Map<String, String> swayEnv = new HashMap<>(environment);
        swayEnv.putAll(Map.of("WLR_BACKENDS", "headless", "WLR_RENDERER", "pixman", "WLR_LIBINPUT_NO_DEVICES", "1"));
        List<String> sway = new ArrayList<>(List.of("sway", "-c", dir.resolve("sway.config").toString()));
        if ("root".equals(System.getProperty("user.name"))) {
            sway.addAll(0, List.of("unshare", "--user"));
        }
        start("sway", sway, swayEnv);
        Path socket = Await.value("sway's Wayland socket", () -> waylandSocket(runtime), s -> s != null,
                Duration.ofSeconds(15));
        environment.put("WAYLAND_DISPLAY", socket.getFileName().toString());

        Path bus = runtime.resolve("bus");
        environment.put("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + bus);
        // Services the bus starts on demand (the portal's document and permission stores) get this environment.
        start("dbus", List.of("dbus-daemon", "--session", "--nofork", "--nopidfile", "--address=unix:path=" + bus),
                environment);
        Await.until(() -> Files.exists(bus), Duration.ofSeconds(10), "the D-Bus session bus");
        start("pipewire", List.of("pipewire"), environment);
        Await.until(() -> Files.exists(runtime.resolve("pipewire-0")), Duration.ofSeconds(10), "PipeWire");
        start("wireplumber", List.of("wireplumber"), environment);
        Path shim = dir.resolve("xdpw-shm-only.so");
        Process cc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-O2", "-o", shim.toString(),
                SHM_ONLY_SHIM.toAbsolutePath().toString(), "-ldl").redirectErrorStream(true)
                .redirectOutput(dir.resolve("gcc.log").toFile()).start();
        Await.until(() -> !cc.isAlive(), Duration.ofSeconds(30), "gcc to build the portal's shim");
        if (cc.exitValue() != 0) {
            throw new IllegalStateException("Could not build the portal's shim: " + log("gcc"));
        }
        Map<String, String> xdpwEnv = new HashMap<>(environment);
        xdpwEnv.put("LD_PRELOAD", shim.toString());
        // xdg-desktop-portal-wlr 0.7 has no dialog in which to agree to be remembered: it keeps a choice only when
        // told so here (src/screencast/screencast.c, setup_target); GNOME and KDE ask in their dialog.
        xdpwEnv.put("XDPW_PERSIST_MODE", "permanent");
        start("xdpw", List.of("/usr/libexec/xdg-desktop-portal-wlr", "-l", "DEBUG"), xdpwEnv);
        Await.until(() -> log("xdpw").contains("dbus: connected"), Duration.ofSeconds(10),
                "xdg-desktop-portal-wlr on the bus");
        start("xdp", List.of("/usr/libexec/xdg-desktop-portal", "-v"), environment);
        start("client", client, environment);
        Await.until(this::portalAnswers, Duration.ofSeconds(20), "xdg-desktop-portal's ScreenCast interface");
    }

    private boolean portalAnswers() {
        try (PortalScreenCast portal = PortalScreenCast.connect(environment.get("DBUS_SESSION_BUS_ADDRESS"))) {
            return portal.availableSourceTypes() != 0;
        } catch (PortalException e) {
            return false;
        }
    }

    private static Path waylandSocket(Path runtime) {
        try (Stream<Path> files = Files.list(runtime)) {
            return files.filter(p -> p.getFileName().toString().matches("wayland-\\d+")).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private void start(String name, List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        processes.put(name, builder.start());
    }

    /** What a program of the desktop has written so far (sway, dbus, pipewire, wireplumber, xdpw, xdp, client). */
    public String log(String name) {
        try {
            Path file = dir.resolve(name + ".log");
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** WAYLAND_DISPLAY, the bus, the runtime and config dirs, PulseAudio: what the app needs. */
    public Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    public PulseAudioServer pulse() {
        return pulse;
    }

    /** The processes of the portal's side (PipeWire, WirePlumber, the portal and its back end) and the compositor. */
    public Map<String, ProcessHandle> serviceProcesses() {
        Map<String, ProcessHandle> handles = new java.util.LinkedHashMap<>();
        for (String name : List.of("sway", "pipewire", "wireplumber", "xdp", "xdpw")) {
            handles.put(name, processes.get(name).toHandle());
        }
        return handles;
    }

    /** How many times the portal's back end asked its chooser, the stand-in for the system's dialog. */
    public long timesChooserAsked() {
        return log("chooser").lines().filter(l -> l.equals("asked")).count();
    }

    /** Ends the portal's back end, as a desktop that stops sharing would: its PipeWire stream goes with it. */
    public void stopPortalBackend() {
        processes.get("xdpw").destroy();
    }

    @Override
    public void close() {
        List<Process> started = new ArrayList<>(processes.values());
        for (int i = started.size() - 1; i >= 0; i--) {
            Process p = started.get(i);
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        if (pulse != null) {
            pulse.close();
        }
    }
}
