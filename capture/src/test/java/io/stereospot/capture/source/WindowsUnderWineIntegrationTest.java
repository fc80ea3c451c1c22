package io.stereospot.capture.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.stereospot.capture.ffmpeg.FfmpegCommand;
import io.stereospot.capture.ffmpeg.FfmpegProcess;
import io.stereospot.capture.ffmpeg.FrameSize;
import io.stereospot.capture.testing.ChunkProbe;
import io.stereospot.capture.testing.WineHost;
import io.stereospot.media.FfmpegBinaries;
import io.stereospot.media.process.ExternalProcess;
import io.stereospot.media.testenv.Await;
import io.stereospot.media.testenv.TestDesktop;
import io.stereospot.media.testenv.WavFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The Windows path, run under Wine on a private Xvfb and PulseAudio: the product's Windows source catalog (through
 * our helper stereospot-win.exe) and its Windows FFmpeg command, started by FfmpegProcess with {@code wine} in
 * front ({@link ProgramLauncher#wine()}). A test window of our own (src/test/native/solid-window.c) is a borderless
 * 301×201 orange window. Stopping uses SIGINT to the wine process, since {@code q} on stdin, the product's stop on
 * real Windows, does not reach ffmpeg.exe under Wine. Wine 8 refuses WASAPI loopback, so the tone goes through the
 * microphone path, and the loopback run shows the helper's silence filler.
 */
class WindowsUnderWineIntegrationTest {

    private static final String TITLE = "StereoSpot Wine test window";
    private static final int WINDOW_X = 200;
    private static final int WINDOW_Y = 150;
    private static final int WINDOW_WIDTH = 301;
    private static final int WINDOW_HEIGHT = 201;
    private static final int[] ORANGE = {0xFF, 0x80, 0x00};
    private static final FrameSize OUTPUT = new FrameSize(640, 360);
    private static final long STOP_GRACE_MS = 20_000;

    /*
     * One desktop, Wine session and test window for the whole JVM, ended when it exits: a test that failed runs once
     * more (surefire's rerunFailingTestsCount) in a new instance of this class, and a second Wine session in the
     * same prefix right after the first is not reliable.
     */
    private static TestDesktop desktop;
    private static WineHost wine;
    private static WindowsSourceCatalog catalog;
    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

    @BeforeAll
    static synchronized void startWindowsUnderWine() throws IOException {
        Assumptions.assumeTrue(WineHost.installed(), "wine is not installed (Debian: apt-get install wine wine64):"
                + " the Windows path is not tested");
        if (catalog != null) {
            return;
        }
        Path work = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()),
                "wine-desktop");
        desktop = TestDesktop.start(work, 1280, 720, true);
        wine = WineHost.prepare(Path.of("target"), desktop.environment());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            wine.close();
            desktop.close();
        }, "wine-test-teardown"));
        wine.start(List.of(wine.solidWindow().toString(), TITLE, Integer.toString(WINDOW_X),
                Integer.toString(WINDOW_Y), Integer.toString(WINDOW_WIDTH), Integer.toString(WINDOW_HEIGHT),
                "FF8000", "600"));
        catalog = new WindowsSourceCatalog(wine.environment(),
                new WindowsTools(ProgramLauncher.wine(), wine.ffmpeg(), wine.helper()));
        LOG.start();
        ((Logger) LoggerFactory.getLogger("io.stereospot.capture.source")).addAppender(LOG);
    }

    @Test
    void theHelpersOwnChecksOfTheSilenceFillerAndTheLoopbackFlagPass() {
        ExternalProcess.Output out = wine.runWindows(List.of(wine.helper().toString(), "selftest"),
                Duration.ofSeconds(30));
        assertThat(out.stdoutText()).contains(" checks, 0 failed").doesNotContain("FAIL");
    }

    @Test
    void theCatalogListsTheScreenAndTheTestWindowWithItsHandleAndSize() {
        CaptureSource.Window window = testWindow();
        assertThat(window.handle()).isPositive();
        assertThat(window.width()).isEqualTo(WINDOW_WIDTH);
        assertThat(window.height()).isEqualTo(WINDOW_HEIGHT);
        assertThat(catalog.videoSources()).contains(new CaptureSource.Screen(0, 0, 0, 1280, 720));
        assertThat(catalog.isAvailable(window)).isTrue();
    }

    @Test
    void aScreenIsCapturedWithGdigrabAfterDdagrabFailsAndTheMicrophoneCarriesTheTone(@TempDir Path dir)
            throws Exception {
        testWindow();
        desktop.playIntoMicrophone(WavFiles.sine(dir.resolve("tone.wav"), 440, 120));
        ScreenGrabber grabber = catalog.screenGrabber();
        assertThat(grabber).isEqualTo(ScreenGrabber.GDIGRAB);
        assertThat(messages()).anyMatch(m -> m.startsWith("ddagrab did not start")
                && m.endsWith("screens are captured with gdigrab"));

        CaptureSource screen = catalog.find("screen:0").orElseThrow();
        List<AudioSource> audio = catalog.openAudio(List.of(catalog.audio(AudioSource.Kind.MICROPHONE)
                .orElseThrow()));
        Path spool = dir.resolve("screen");
        List<Path> chunks = capture(new FfmpegCommand(Platform.WINDOWS, wine.ffmpeg(), screen, null, audio, OUTPUT,
                30, 5000, spool, grabber), 2);

        for (Path chunk : chunks.subList(0, 2)) {
            assertValidChunk(chunk, 5.0);
        }
        assertValidChunk(chunks.get(chunks.size() - 1), -1);
        // The window sits at (200,150)-(501,351) of the 1280×720 screen, so around (175,125) of the 640×360 output.
        assertThat(pixel(chunks.get(1), 175, 125)).as("the test window's orange in the picture")
                .satisfies(rgb -> assertColour(rgb, ORANGE));
        assertThat(ChunkProbe.bandVolumeDb(chunks.get(1), 440)).as("the tone in chunk 1").isGreaterThan(-30.0);
    }

    @Test
    void anOddSizedWindowIsCapturedByHandleAndSilentLoopbackGivesSilenceOfTheRightLength(@TempDir Path dir)
            throws Exception {
        CaptureSource.Window window = testWindow();
        List<AudioSource> audio = catalog.openAudio(List.of(catalog.audio(AudioSource.Kind.SYSTEM).orElseThrow()));
        Path spool = dir.resolve("window");
        List<Path> chunks = capture(new FfmpegCommand(Platform.WINDOWS, wine.ffmpeg(), window, null, audio, OUTPUT,
                30, 5000, spool, catalog.screenGrabber()), 2);

        for (Path chunk : chunks.subList(0, 2)) {
            assertValidChunk(chunk, 5.0);
            assertThat(audioDuration(chunk)).as("the sound's length in %s", chunk.getFileName())
                    .isCloseTo(5.0, within(0.1));
            assertThat(ChunkProbe.meanVolumeDb(chunk)).as("silence").isLessThan(-80.0);
        }
        assertThat(pixel(chunks.get(1), 320, 180)).satisfies(rgb -> assertColour(rgb, ORANGE));
        // Wine 8 refuses loopback (AUDCLNT_E_WRONG_ENDPOINT_TYPE); the helper said so and filled silence.
        assertThat(messages()).anyMatch(m -> m.contains("System audio loopback failed (0x88890003)"));
    }

    private CaptureSource.Window testWindow() {
        return Await.value(() -> catalog.videoSources().stream()
                .filter(s -> s instanceof CaptureSource.Window w && w.title().equals(TITLE))
                .map(CaptureSource.Window.class::cast).findFirst().orElse(null), Duration.ofSeconds(30),
                "the test window in the catalog");
    }

    /**
     * Runs the command until {@code fullChunks} chunks are listed, then stops FFmpeg the launcher's way and returns
     * every listed chunk (the last one is the one the stop finished).
     */
    private List<Path> capture(FfmpegCommand command, int fullChunks) throws IOException {
        command.createFolders();
        FfmpegProcess ffmpeg = FfmpegProcess.start(catalog.launcher(), command.arguments(), wine.environment(),
                new FfmpegProcess.Events() {
                });
        try {
            Await.until(() -> listed(command).size() >= fullChunks || !ffmpeg.isAlive(), Duration.ofSeconds(40),
                    fullChunks + " chunks");
            assertThat(ffmpeg.isAlive()).as("FFmpeg still runs: %s", ffmpeg.lastError()).isTrue();
            int exit = ffmpeg.stop(STOP_GRACE_MS);
            // 0 after q; 255 after SIGINT ("received signal 2"), the output finished all the same.
            assertThat(exit).as("FFmpeg's exit after the stop: %s", ffmpeg.lastError()).isIn(0, 255);
        } finally {
            ffmpeg.kill();
        }
        List<String> names = listed(command);
        assertThat(names).as("the stop finished the chunk in progress").hasSizeGreaterThan(fullChunks);
        return names.stream().map(name -> command.spoolDir().resolve(name)).toList();
    }

    private static List<String> listed(FfmpegCommand command) {
        try {
            return Files.exists(command.segmentList()) ? Files.readAllLines(command.segmentList()).stream()
                    .filter(l -> !l.isBlank()).map(l -> l.split(",")[0]).toList() : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** H.264 + AAC, a keyframe first, and {@code seconds} long (when not negative). */
    private static void assertValidChunk(Path chunk, double seconds) {
        ChunkProbe.Streams streams = ChunkProbe.streams(chunk);
        assertThat(streams.videoCodec()).as("video of %s", chunk.getFileName()).isEqualTo("h264");
        assertThat(streams.audioCodec()).as("audio of %s", chunk.getFileName()).isEqualTo("aac");
        assertThat(streams.width()).isEqualTo(OUTPUT.width());
        assertThat(streams.height()).isEqualTo(OUTPUT.height());
        assertThat(ChunkProbe.startsWithKeyframe(chunk)).as("keyframe first in %s", chunk.getFileName()).isTrue();
        if (seconds >= 0) {
            assertThat(streams.videoDuration()).as("length of %s", chunk.getFileName())
                    .isCloseTo(seconds, within(0.05));
        }
    }

    private static double audioDuration(Path chunk) {
        return Double.parseDouble(ChunkProbe.run(List.of(FfmpegBinaries.ffprobe().toString(), "-v", "error",
                "-select_streams", "a:0", "-show_entries", "stream=duration", "-of", "csv=p=0",
                chunk.toString())).strip());
    }

    /** The colour at (x, y) of the chunk's frame at 2 s. */
    private static int[] pixel(Path chunk, int x, int y) {
        ExternalProcess.Output out = ExternalProcess.attempt(List.of(FfmpegBinaries.ffmpeg().toString(), "-v",
                "error", "-ss", "2", "-i", chunk.toString(), "-frames:v", "1", "-vf",
                "format=rgb24,crop=1:1:" + x + ":" + y,
                "-f", "rawvideo", "-pix_fmt", "rgb24", "-"), System.getenv(), Duration.ofSeconds(30));
        assertThat(out.stdout()).as("a pixel of %s: %s", chunk.getFileName(), out.stderr()).hasSize(3);
        return new int[] {out.stdout()[0] & 0xff, out.stdout()[1] & 0xff, out.stdout()[2] & 0xff};
    }

    /** Within what H.264 and yuv420p do to a flat colour. */
    private static void assertColour(int[] rgb, int[] expected) {
        for (int i = 0; i < 3; i++) {
            assertThat(rgb[i]).as("channel %d of %s", i, java.util.Arrays.toString(rgb))
                    .isCloseTo(expected[i], within(24));
        }
    }

    private List<String> messages() {
        return LOG.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
