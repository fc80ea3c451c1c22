package io.stereospot.capture.testing;

import io.stereospot.media.process.ExternalProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Wine for the Windows tests: a private 64-bit prefix under target/ (created once: wineboot takes 10–11 s), the
 * Windows FFmpeg from the {@code windows-x86_64-gpl} jar on the test class path, and the mingw-built helper and test
 * window (capture/pom.xml, profile "windows"). Close it to end every Windows program in the prefix.
 */
public final class WineHost implements AutoCloseable {

    private static final String FFMPEG_FOLDER = "org/bytedeco/ffmpeg/windows-x86_64-gpl/";

    private final Path target;
    private final Map<String, String> environment;
    private final List<Process> started = new ArrayList<>();

    private WineHost(Path target, Map<String, String> environment) {
        this.target = target;
        this.environment = Map.copyOf(environment);
    }

    /** Whether {@code wine} is on the PATH. */
    public static boolean installed() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "wine")));
    }

    /**
     * @param target      the module's build folder (the prefix and FFmpeg go there)
     * @param desktop     DISPLAY and PulseAudio's variables of the test desktop Wine draws and plays on
     */
    public static WineHost prepare(Path target, Map<String, String> desktop) {
        Map<String, String> env = new HashMap<>(desktop);
        env.put("WINEPREFIX", target.resolve("wine-prefix").toAbsolutePath().toString());
        env.put("WINEARCH", "win64");
        // No Mono or Gecko installer prompts, no debug chatter.
        env.put("WINEDLLOVERRIDES", "mscoree,mshtml=");
        env.put("WINEDEBUG", "-all");
        WineHost host = new WineHost(target, env);
        host.wineserverKill();
        boolean created = Files.exists(target.resolve("wine-prefix/system.reg"));
        // The first Windows program of a session starts Wine's services (winedevice.exe …), which inherit its
        // stdout and stderr and keep them open: a program whose output is read to its end would then never end.
        // So the session starts here, on /dev/null, and stays up (wineserver -p) until close().
        host.runQuietly(List.of("wineserver", "-p"), Duration.ofSeconds(15));
        host.runQuietly(created ? List.of("wine", "wineboot") : List.of("wine", "wineboot", "--init"),
                Duration.ofSeconds(120));
        return host;
    }

    public Map<String, String> environment() {
        return environment;
    }

    /** stereospot-win.exe, as the build made it. */
    public Path helper() {
        return built("stereospot-win.exe");
    }

    /** The test window: {@code solid-window TITLE X Y WIDTH HEIGHT RRGGBB SECONDS}. */
    public Path solidWindow() {
        return built("solid-window.exe");
    }

    /** A stand-in java.exe (src/test/native/fake-java.c) for the Windows zip's launcher test. */
    public Path fakeJava() {
        return built("fake-java.exe");
    }

    /** Runs a Windows program to its end and returns its output, whatever its exit. */
    public ExternalProcess.Output attemptWindows(List<String> windowsCommand, Map<String, String> extra,
            Duration timeout) {
        List<String> command = new ArrayList<>(List.of("wine"));
        command.addAll(windowsCommand);
        Map<String, String> all = new HashMap<>(System.getenv());
        all.putAll(environment);
        all.putAll(extra);
        return ExternalProcess.attempt(command, all, timeout);
    }

    private Path built(String name) {
        Path exe = target.resolve(name).toAbsolutePath();
        if (!Files.isRegularFile(exe)) {
            throw new AssertionError(exe + " is missing: the build makes it with x86_64-w64-mingw32-gcc"
                    + " (Debian package gcc-mingw-w64-x86-64, listed in .ci/apt-packages)");
        }
        return exe;
    }

    /** ffmpeg.exe with its DLLs, copied once out of the Windows FFmpeg jar. */
    public Path ffmpeg() {
        Path folder = target.resolve("wine-ffmpeg").toAbsolutePath();
        Path exe = folder.resolve("ffmpeg.exe");
        if (Files.isRegularFile(exe)) {
            return exe;
        }
        URL url = WineHost.class.getClassLoader().getResource(FFMPEG_FOLDER + "ffmpeg.exe");
        if (url == null) {
            throw new AssertionError("The Windows FFmpeg jar (org.bytedeco:ffmpeg:windows-x86_64-gpl) is not on the"
                    + " test class path");
        }
        try {
            String jar = url.toString().substring("jar:".length(), url.toString().indexOf("!/"));
            try (FileSystem zip = FileSystems.newFileSystem(Path.of(new java.net.URI(jar)));
                 Stream<Path> files = Files.list(zip.getPath(FFMPEG_FOLDER))) {
                Files.createDirectories(folder);
                for (Path file : files.toList()) {
                    Files.copy(file, folder.resolve(file.getFileName().toString()),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return exe;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts a Windows program in the background; it ends at the latest when this host closes. */
    public Process start(List<String> windowsCommand) {
        List<String> command = new ArrayList<>(List.of("wine"));
        command.addAll(windowsCommand);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            started.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a Windows program to its end and returns its output; fails the test when it fails. */
    public ExternalProcess.Output runWindows(List<String> windowsCommand, Duration timeout) {
        List<String> command = new ArrayList<>(List.of("wine"));
        command.addAll(windowsCommand);
        return run(command, timeout);
    }

    private ExternalProcess.Output run(List<String> command, Duration timeout) {
        Map<String, String> all = new HashMap<>(System.getenv());
        all.putAll(environment);
        ExternalProcess.Output out = ExternalProcess.attempt(command, all, timeout);
        if (!out.succeeded()) {
            throw new AssertionError(command + " exited " + out.exitCode() + ": " + out.stderr());
        }
        return out;
    }

    private void runQuietly(List<String> command, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + timeout);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Ends the prefix's wineserver and with it every Windows program in the prefix. */
    private void wineserverKill() {
        Map<String, String> all = new HashMap<>(System.getenv());
        all.putAll(environment);
        ExternalProcess.attempt(List.of("wineserver", "-k"), all, Duration.ofSeconds(15));
        // -k only asks; a new session must not meet the old server on its way out.
        ExternalProcess.attempt(List.of("wineserver", "-w"), all, Duration.ofSeconds(15));
    }

    @Override
    public void close() {
        wineserverKill();
        started.forEach(Process::destroyForcibly);
    }
}
