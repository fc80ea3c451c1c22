package io.stereospot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stereospot.media.testenv.TestDesktop;
import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.media.testenv.WavFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./stereospot sources} and {@code ./stereospot capture} on a private X display and PulseAudio. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaptureAndSourcesCommandTest {

    private TestDesktop desktop;
    private Path dir;
    private long window;
    private ByteArrayOutputStream out;
    private ByteArrayOutputStream err;

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

    @BeforeEach
    void freshStreams() {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
    }

    private int run(Subcommand command, String... args) {
        CommandLine commandLine = new CommandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), List.of(command));
        return commandLine.run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
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
    void captureWithALocalServerPrintsThePlaylistThenChunksAndStopsCleanlyAtTheDuration() throws IOException {
        Path data = dir.resolve("local-server");
        CaptureCommand command = new CaptureCommand(desktop.environment(),
                b -> b.port(0).dataDir(data).converter(ConverterSettings.copy()));
        long started = System.nanoTime();
        int status = run(command, "capture", "--source", "screen:0", "--resolution", "720p", "--system-audio",
                "--duration", "6s");
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(status).as("stdout:%n%s%nstderr:%n%s", out(), err()).isZero();
        List<String> lines = out().lines().toList();
        assertThat(lines.get(0)).matches("Playlist: http://127\\.0\\.0\\.1:\\d+/stream/[0-9a-f-]{36}/playlist\\.m3u8");
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

        freshStreams();
        assertThat(run(command, "capture", "--source", "window:0x7fffff0")).isEqualTo(1);
        assertThat(err()).contains("There is no source 'window:0x7fffff0' on this computer now: run ./stereospot"
                + " sources to list what can be captured.");

        freshStreams();
        CaptureCommand noDisplay = new CaptureCommand(Map.of("PATH", "/usr/bin:/bin"), b -> b);
        assertThat(run(noDisplay, "capture", "--source", "screen:0")).isEqualTo(1);
        assertThat(err()).contains("DISPLAY is not set");
    }

    @Test
    void badArgumentsAreUsageErrorsWithASentence() throws Exception {
        CaptureCommand command = new CaptureCommand(desktop.environment(), b -> b);
        assertThat(run(command, "capture")).isEqualTo(CommandLine.USAGE_ERROR);
        assertThat(err()).contains("Say what to capture with --source");
        freshStreams();
        assertThat(run(command, "capture", "--source", "screen:0", "--resolution", "4k"))
                .isEqualTo(CommandLine.USAGE_ERROR);
        assertThat(err()).contains("Resolution must be 720p or 1080p, not '4k'.");
        freshStreams();
        assertThat(run(command, "capture", "--source", "monitor-1")).isEqualTo(CommandLine.USAGE_ERROR);
        assertThat(err()).contains("--source takes screen:N or window:0x…");
        freshStreams();
        assertThat(run(command, "capture", "--source", "screen:0", "--duration", "soon"))
                .isEqualTo(CommandLine.USAGE_ERROR);
        freshStreams();
        assertThat(run(command, "capture", "--source", "screen:0", "--server", "ftp://x"))
                .isEqualTo(CommandLine.USAGE_ERROR);
        assertThat(CaptureCommand.duration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(CaptureCommand.duration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(CaptureCommand.duration("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(CaptureCommand.duration("60")).isEqualTo(Duration.ofSeconds(60));
        assertThatThrownBy(() -> CaptureCommand.duration("500ms")).isInstanceOf(UsageException.class);
    }
}
