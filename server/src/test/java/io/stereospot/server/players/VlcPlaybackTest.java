package io.stereospot.server.players;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.media.process.ExternalProcess;
import io.stereospot.server.playback.PlaybackSettings;
import io.stereospot.server.testing.PlaybackHarness;
import io.stereospot.server.testing.TestChunks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * VLC (the Debian cvlc) plays a finished playlist to the end, headless. VLC exits 0 even when it plays nothing,
 * so it is judged by how long it played, which segments it fetched, and its log.
 */
class VlcPlaybackTest {

    static final int CHUNKS = 3;

    @TempDir
    Path dir;

    @Test
    void cvlcPlaysTheWholeStreamBackToBack() throws Exception {
        List<Path> chunks = TestChunks.make(dir.resolve("chunks"), CHUNKS, 640, 360);
        try (PlaybackHarness harness = PlaybackHarness.start(dir,
                PlaybackSettings.defaults().withConverter(ConverterSettings.sbs()))) {
            String session = harness.finishedSession(chunks, Duration.ofSeconds(60));
            String url = harness.playlistUrl(session).toString();

            List<String> command = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(List.of("runuser", "-u", "nobody", "--")); // VLC refuses to run as root
            }
            command.addAll(List.of("cvlc", "--play-and-exit", "--vout=dummy", "--aout=dummy", "--intf=dummy",
                    "--no-interact", "-vv", url));
            long started = System.nanoTime();
            ExternalProcess.Result vlc = runVlc(command);
            double playedSeconds = (System.nanoTime() - started) / 1e9;
            String log = vlc.stdout();
            Files.writeString(dir.resolve("vlc.log"), log);
            List<String> segmentsServed = harness.served().stream().filter(l -> l.contains(".ts ")).toList();
            System.out.printf("cvlc ran %.1f s for a %d s stream; segments served: %s%n", playedSeconds,
                    CHUNKS * TestChunks.CHUNK_SECONDS, segmentsServed);

            double streamSeconds = CHUNKS * TestChunks.CHUNK_SECONDS;
            assertThat(playedSeconds).as("seconds VLC played").isGreaterThan(0.9 * streamSeconds)
                    .isLessThan(streamSeconds + 30);
            for (int i = 0; i < CHUNKS; i++) {
                String request = String.format("GET /stream/%s/seg_%05d.ts -> 200", session, i);
                assertThat(segmentsServed).as("VLC fetched segment " + i).anyMatch(l -> l.startsWith(request));
            }
            assertThat(log).contains("adaptive demux").contains("end of playlist, exiting")
                    .doesNotContain("Failed to create demuxer").doesNotContain("no suitable demux module")
                    .doesNotContain("cannot open");
            assertThat(log).as("VLC decoded video").containsPattern("(?s)decoder.*h264|h264.*decoder");
        }
    }

    /** Both streams of VLC in one text: its log goes to stderr. */
    private static ExternalProcess.Result runVlc(List<String> command) throws Exception {
        List<String> sh = List.of("sh", "-c", "exec \"$@\" 2>&1", "vlc");
        List<String> all = new ArrayList<>(sh);
        all.addAll(command);
        return ExternalProcess.run(all, null, Duration.ofSeconds(90));
    }
}
