package io.stereospot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stereospot.capture.testing.ChunkProbe;
import io.stereospot.media.testenv.TestDesktop;
import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.media.testenv.WavFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.TypeConversionException;

/** {@code ./stereospot sources} and {@code ./stereospot capture} on a private X display and PulseAudio. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaptureAndSourcesCommandTest {

    private TestDesktop desktop;
    private Path dir;
    private long window;
    private CliRun last;

    @BeforeAll
    void startDesktop(@TempDir Path tempDir) {
        dir = tempDir;
        desktop = TestDesktop.start(dir.resolve("desktop"), 1280, 720);
        window = desktop.openMovingWindow("Moving clock", 0, 0, 1280, 720);
        desktop.play(WavFiles.sine(dir.resolve("tone.wav"), 440, 120));
    }

    @AfterAll
    void stopDesktop() {
        if (desktop != null) {
            desktop.close();
        }
    }

    private int run(Object command, String... args) {
        last = new CliRun(Map.of(), command);
        return last.run(args);
    }

    private String out() {
        return last.out();
    }

    private String err() {
        return last.err();
    }

    @Test
    void sourcesListsScreensWindowsAndAudioWithTheirIds() {
        assertThat(run(new SourcesCommand(desktop.environment()), "sources")).as(err()).isZero();
        assertThat(out()).startsWith("Video sources:")
                .containsPattern("  screen:0 +Screen 1  1280×720 at 0,0")
                .containsPattern("  window:0x" + Long.toHexString(window) + " +\"Moving clock\"  \\d+×\\d+")
                .contains("Audio sources:")
                .contains("--system-audio  System audio (what you hear) (" + desktop.sink() + ".monitor)");
        assertThat(err()).isEmpty();
    }

    @Test
    void captureWithALocalServerPrintsThePlaylistAndWatchPageThenChunksAndStopsCleanlyAtTheDuration() throws IOException {
        Path data = dir.resolve("local-server");
        CaptureCommand command = new CaptureCommand(withDataFolder("xdg-data"),
                b -> b.port(0).dataDir(data).converter(ConverterSettings.copy()));
        long started = System.nanoTime();
        int status = run(command, "capture", "--source", "screen:0", "--resolution", "720p", "--system-audio",
                "--duration", "6s");
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(status).as("stdout:%n%s%nstderr:%n%s", out(), err()).isZero();
        List<String> lines = out().lines().toList();
        assertThat(lines.get(0)).matches("Playlist: http://127\\.0\\.0\\.1:\\d+/stream/[0-9a-f-]{36}/playlist\\.m3u8");
        // The watch page: same origin as the playlist, the same session (issue 25).
        String origin = lines.get(0).replaceAll("Playlist: (http://[^/]+)/stream/([0-9a-f-]{36})/.*", "$1/watch/$2");
        assertThat(lines.get(1)).isEqualTo("Watch page: " + origin);
        // This machine has no GPU: each hardware encoder says why not, after the playlist (which stays first).
        assertThat(lines.get(3)).startsWith("Encoder: libx264 (no hardware encoder passed its probe");
        assertThat(lines.subList(4, 7)).containsExactly(
                "  not h264_nvenc: Cannot load libcuda.so.1", "  not h264_qsv: Failed to create a VAAPI device",
                "  not h264_vaapi: No VA display found for device /dev/dri/renderD128");
        assertThat(dir.resolve("xdg-data/stereospot/encoders.json")).as("the probe's answers, in the data folder")
                .isRegularFile();
        assertThat(lines).anyMatch(l -> l.matches("chunk 00000 uploaded: \\d+\\.\\d\\d MB, published \\d+ ms after it"
                + " was complete"));
        assertThat(lines).anyMatch(l -> l.startsWith("chunk 00001 uploaded: "));
        assertThat(out() + err()).as("the server renews credentials: no limit is mentioned")
                .doesNotContain("expire").doesNotContain("minutes");
        assertThat(lines.get(lines.size() - 1)).startsWith("Stopped (--duration reached): 2 chunks uploaded, session"
                + " ended. Encoder: ");
        assertThat(tookMs).as("a 6 s capture, with the local server's start-up").isLessThan(60_000);

        String sessionId = lines.get(0).replaceAll(".*/stream/([0-9a-f-]{36})/.*", "$1");
        Path chunks = data.resolve("store/stereospot/stream_input/" + sessionId);
        try (Stream<Path> files = Files.list(chunks)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("chunk_00000.mp4", "chunk_00001.mp4");
        }
        long frames = ChunkProbe.streams(chunks.resolve("chunk_00000.mp4")).videoFrames()
                + ChunkProbe.streams(chunks.resolve("chunk_00001.mp4")).videoFrames();
        assertThat(frames).as("--duration counts stream time, not FFmpeg's start-up: 6 s at 30 fps")
                .isGreaterThanOrEqualTo(170);
        assertThat(Files.readString(data.resolve("store/stereospot/stream_sessions/" + sessionId + ".json")))
                .contains("\"ended_at\"");
    }

    @Test
    void anUnreachableServerOrAMissingSourceIsASentenceAndExitsNonZero() throws IOException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        CaptureCommand command = new CaptureCommand(desktop.environment(), b -> b);
        assertThat(run(command, "capture", "--server", "http://127.0.0.1:" + freePort, "--source", "screen:0"))
                .isEqualTo(1);
        assertThat(err()).contains("Could not create a session: the stream server at http://127.0.0.1:" + freePort
                + "/ cannot be reached (nothing is listening there).")
                .doesNotContain("Exception").doesNotContain("\tat ");

        assertThat(run(command, "capture", "--source", "window:0x7fffff0")).isEqualTo(1);
        assertThat(err()).contains("There is no source 'window:0x7fffff0' on this computer now: run ./stereospot"
                + " sources to list what can be captured.");

        CaptureCommand noDisplay = new CaptureCommand(Map.of("PATH", "/usr/bin:/bin"), b -> b);
        assertThat(run(noDisplay, "capture", "--source", "screen:0")).isEqualTo(1);
        assertThat(err()).contains("DISPLAY is not set");
    }

    /** Asked for by name, a hardware encoder that fails its probe stops the start with its reason; no fallback. */
    @Test
    void anEncoderAskedForByNameThatDoesNotWorkHereRefusesToStartWithItsReason() {
        CaptureCommand command = new CaptureCommand(withDataFolder("xdg-named"), b -> b.port(0)
                .dataDir(dir.resolve("named-server")).converter(ConverterSettings.copy()));
        assertThat(run(command, "capture", "--source", "screen:0", "--encoder", "nvenc")).as(err()).isEqualTo(1);
        assertThat(err()).contains("The nvenc encoder (h264_nvenc) does not work on this computer: Cannot load"
                + " libcuda.so.1. Choose the encoder \"auto\" to use the best one that works, or x264 to encode on"
                + " the processor.").doesNotContain("Exception");
        assertThat(out()).as("refused before a session was created").doesNotContain("Playlist:");

        assertThat(run(command, "capture", "--source", "screen:0", "--encoder", "VAAPI")).isEqualTo(1);
        assertThat(err()).contains("The vaapi encoder (h264_vaapi) does not work on this computer: No VA display"
                + " found for device /dev/dri/renderD128.");
    }

    /** The test desktop's environment, with the user's data folder (where the encoder cache goes) in {@code dir}. */
    private Map<String, String> withDataFolder(String name) {
        Map<String, String> env = new HashMap<>(desktop.environment());
        env.put("XDG_DATA_HOME", dir.resolve(name).toString());
        return env;
    }

    @Test
    void badArgumentsAreUsageErrorsWithASentence() throws Exception {
        CaptureCommand command = new CaptureCommand(desktop.environment(), b -> b);
        assertThat(run(command, "capture")).isEqualTo(Cli.USAGE_ERROR);
        assertThat(err()).contains("Say what to capture with --source");
        assertThat(run(command, "capture", "--source", "screen:0", "--resolution", "4k"))
                .isEqualTo(Cli.USAGE_ERROR);
        assertThat(err()).contains("Resolution must be auto, 720p or 1080p, not '4k'.");
        assertThat(run(command, "capture", "--source", "screen:0", "--encoder", "h265")).isEqualTo(Cli.USAGE_ERROR);
        assertThat(err()).contains("The encoder must be auto, x264, nvenc, qsv, amf, vaapi or mf, not 'h265'.");
        assertThat(run(command, "capture", "--source", "monitor-1")).isEqualTo(Cli.USAGE_ERROR);
        assertThat(err()).contains("--source takes screen:N or window:0x…");
        assertThat(run(command, "capture", "--source", "screen:0", "--duration", "soon"))
                .isEqualTo(Cli.USAGE_ERROR);
        assertThat(run(command, "capture", "--source", "screen:0", "--server", "ftp://x"))
                .isEqualTo(Cli.USAGE_ERROR);
        DurationOption duration = new DurationOption.CaptureDuration();
        assertThat(duration.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(duration.convert("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(duration.convert("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(duration.convert("60")).isEqualTo(Duration.ofSeconds(60));
        assertThatThrownBy(() -> duration.convert("500ms")).isInstanceOf(TypeConversionException.class);
    }

    /**
     * The real launcher's process: Ctrl-C once starts the clean stop, Ctrl-C again quits at once with status 130 and
     * leaves no FFmpeg behind. Perl resets SIGINT to its default first: a JVM started by a background job would
     * inherit an ignored SIGINT and never see Ctrl-C.
     */
    @Test
    void aSecondCtrlCQuitsAtOnceWithStatus130() throws Exception {
        Path home = dir.resolve("ctrl-c");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV", java, "-cp",
                System.getProperty("java.class.path"), "io.stereospot.app.Main", "capture", "--source=screen:0",
                "--duration", "120s");
        builder.environment().putAll(desktop.environment());
        builder.environment().put("XDG_DATA_HOME", home.resolve("data").toString());
        builder.environment().put("XDG_STATE_HOME", home.resolve("state").toString());
        Process process = builder.start();
        try {
            BlockingQueue<String> stdout = lines(process.getInputStream());
            BlockingQueue<String> stderr = lines(process.getErrorStream());
            awaitLine(stdout, "chunk 00000 uploaded");
            List<ProcessHandle> ffmpeg = process.descendants().toList();
            assertThat(ffmpeg).as("FFmpeg runs under the capture").isNotEmpty();

            interrupt(process);
            assertThat(awaitLine(stderr, "Stopping: ")).contains("finishing the last chunk and ending the session")
                    .contains("Ctrl-C again to quit at once");
            interrupt(process);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("it quits at once").isTrue();
            assertThat(process.exitValue()).isEqualTo(Cli.INTERRUPTED_TWICE);
            for (ProcessHandle child : ffmpeg) {
                assertThat(child.onExit()).succeedsWithin(Duration.ofSeconds(10));
            }
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /** The lines of {@code stream} as they come, read by a thread of their own. */
    private static BlockingQueue<String> lines(InputStream stream) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))
                .lines().forEach(lines::add), "capture-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static String awaitLine(BlockingQueue<String> lines, String prefix) throws InterruptedException {
        List<String> seen = new java.util.ArrayList<>();
        while (true) {
            String line = lines.poll(90, TimeUnit.SECONDS);
            assertThat(line).as("a line starting with '%s' after %s", prefix, seen).isNotNull();
            if (line.startsWith(prefix)) {
                return line;
            }
            seen.add(line);
        }
    }

    private static void interrupt(Process process) throws Exception {
        assertThat(new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start().waitFor()).isZero();
    }
}
