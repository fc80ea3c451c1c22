package io.stereospot.server.players;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.media.process.ExternalProcess;
import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.playback.PlaybackSettings;
import io.stereospot.server.testing.PlaybackHarness;
import io.stereospot.server.testing.TestChunks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real players over one finished playlist of {@value #CHUNKS} segments (so three joins): each must see one
 * continuous stream (issue 11). VLC (the Debian cvlc) plays it in real time, headless; FFmpeg and mpv decode it as
 * fast as they can. Their logs must hold no continuity error at a join ("TS discontinuity", "Packet corrupt") and
 * no timing trouble ("PCR is called too late", "Timestamp conversion failed").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WholePlaylistPlayersTest {

    static final int CHUNKS = 4;
    static final double STREAM_SECONDS = CHUNKS * TestChunks.CHUNK_SECONDS;

    private Path dir;
    private PlaybackHarness harness;
    private String session;
    private String url;

    @BeforeAll
    void finishedSession(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        List<Path> chunks = TestChunks.make(dir.resolve("chunks"), CHUNKS, 640, 360);
        harness = PlaybackHarness.start(dir, PlaybackSettings.defaults().withConverter(ConverterSettings.sbs()));
        session = harness.finishedSession(chunks, Duration.ofSeconds(90));
        url = harness.playlistUrl(session).toString();
    }

    @AfterAll
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void cvlcPlaysTheWholeStreamBackToBackWithoutAContinuityError() throws Exception {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("runuser", "-u", "nobody", "--")); // VLC refuses to run as root
        }
        command.addAll(List.of("cvlc", "--play-and-exit", "--vout=dummy", "--aout=dummy", "--intf=dummy",
                "--no-interact", "-vv", url));
        long started = System.nanoTime();
        String log = withLog(command, Duration.ofSeconds(90)).stdout();
        double playedSeconds = (System.nanoTime() - started) / 1e9;
        Files.writeString(dir.resolve("vlc.log"), log);
        List<String> segmentsServed = harness.served().stream().filter(l -> l.contains(".ts ")).toList();
        System.out.printf("cvlc ran %.1f s for a %.0f s stream%n", playedSeconds, STREAM_SECONDS);

        assertThat(playedSeconds).as("seconds VLC played").isGreaterThan(0.9 * STREAM_SECONDS)
                .isLessThan(STREAM_SECONDS + 30);
        for (int i = 0; i < CHUNKS; i++) {
            String request = String.format("GET /stream/%s/seg_%05d.ts -> 20", session, i); // 200, or 206 for a range
            assertThat(segmentsServed).as("VLC fetched segment " + i).anyMatch(l -> l.startsWith(request));
        }
        assertThat(log).contains("adaptive demux").contains("end of playlist, exiting")
                .doesNotContain("Failed to create demuxer").doesNotContain("no suitable demux module")
                .doesNotContain("cannot open");
        assertThat(log).as("VLC decoded video").containsPattern("(?s)decoder.*h264|h264.*decoder");
        assertThat(log).as("VLC's log at the joins")
                .doesNotContain("TS discontinuity").doesNotContain("discontinuity received")
                .doesNotContain("PCR is called too late").doesNotContain("Timestamp conversion failed");
    }

    @Test
    void ffmpegDecodesTheWholePlaylistWithoutACorruptPacket() throws Exception {
        ExternalProcess.Result ffmpeg = withLog(List.of("ffmpeg", "-nostdin", "-hide_banner", "-v", "warning",
                "-i", url, "-f", "null", "-"), Duration.ofSeconds(60));
        Files.writeString(dir.resolve("ffmpeg.log"), ffmpeg.stdout());
        assertThat(ffmpeg.exitCode()).as("ffmpeg: " + ffmpeg.stdout()).isZero();
        assertThat(ffmpeg.stdout()).as("FFmpeg's log").doesNotContain("Packet corrupt")
                .doesNotContain("Continuity check failed").doesNotContain("non monotonically increasing dts");
    }

    @Test
    void mpvDecodesTheWholePlaylistWithoutACorruptPacket() throws Exception {
        ExternalProcess.Result mpv = withLog(List.of("mpv", "--no-config", "--untimed", "--vo=null", "--ao=null",
                "--ao-null-untimed", "--msg-level=all=warn", url), Duration.ofSeconds(60));
        Files.writeString(dir.resolve("mpv.log"), mpv.stdout());
        assertThat(mpv.exitCode()).as("mpv: " + mpv.stdout()).isZero();
        assertThat(mpv.stdout()).as("mpv's log").doesNotContain("Packet corrupt")
                .doesNotContain("No video or audio streams selected");
    }

    /** The program's stdout and stderr in one text (VLC and FFmpeg log to stderr). */
    static ExternalProcess.Result withLog(List<String> command, Duration timeout) throws Exception {
        List<String> all = new ArrayList<>(List.of("sh", "-c", "exec \"$@\" 2>&1", command.get(0)));
        all.addAll(command);
        return ExternalProcess.run(all, null, timeout);
    }
}
