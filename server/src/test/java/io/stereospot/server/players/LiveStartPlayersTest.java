package io.stereospot.server.players;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.media.process.ExternalProcess;
import io.stereospot.media.testenv.Await;
import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.segment.TransportStreamRemuxer;
import io.stereospot.server.playback.PlaybackSettings;
import io.stereospot.server.playlist.PlaylistService;
import io.stereospot.server.testing.LogCapture;
import io.stereospot.server.testing.PlaybackHarness;
import io.stereospot.server.testing.TestChunks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A player opened the instant the URL appears, before the session has any chunk, plays the stream (issue 11): the
 * server holds its first playlist request until a segment is listed. Chunks arrive at the pace a capture makes
 * them (one per {@value TestChunks#CHUNK_SECONDS} s); the session then ends and the player must reach ENDLIST.
 */
class LiveStartPlayersTest {

    static final int CHUNKS = 4;
    static final double STREAM_SECONDS = CHUNKS * TestChunks.CHUNK_SECONDS;

    @TempDir
    Path dir;

    @Test
    void mpvOpenedOnABrandNewSessionPlaysItToTheEnd() throws Exception {
        List<Path> chunks = TestChunks.make(dir.resolve("chunks"), CHUNKS, 640, 360);
        try (PlaybackHarness harness = PlaybackHarness.start(dir,
                PlaybackSettings.defaults().withConverter(ConverterSettings.copy()));
                LogCapture holds = new LogCapture(classOf("PlaylistHold"))) {
            String session = harness.createSession();
            String url = harness.playlistUrl(session).toString();

            long started = System.nanoTime();
            CompletableFuture<ExternalProcess.Result> mpv = CompletableFuture.supplyAsync(() -> {
                try {
                    return WholePlaylistPlayersTest.withLog(List.of("mpv", "--no-config", "--vo=null", "--ao=null",
                            "--msg-level=all=warn", url), Duration.ofSeconds(120));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Await.until("mpv's first playlist request held", () -> !holds.events().isEmpty(),
                    Duration.ofSeconds(20));
            assertThat(harness.playback().playlists().playlist(session).orElseThrow()).doesNotContain("#EXTINF");

            ScheduledExecutorService capture = harness.captureAtPace(session, chunks);

            ExternalProcess.Result result;
            try {
                result = mpv.get(150, TimeUnit.SECONDS);
            } finally {
                capture.shutdownNow();
            }
            double ranSeconds = (System.nanoTime() - started) / 1e9;
            Files.writeString(dir.resolve("mpv.log"), result.stdout());
            System.out.printf("mpv ran %.1f s on a %.0f s stream it opened before any chunk existed%n",
                    ranSeconds, STREAM_SECONDS);

            assertThat(result.exitCode()).as("mpv's exit status; log: " + result.stdout()).isZero();
            assertThat(result.stdout()).doesNotContain("No video or audio streams selected")
                    .doesNotContain("Packet corrupt");
            assertThat(ranSeconds).as("seconds mpv ran: it played the stream, not just its start")
                    .isGreaterThan(STREAM_SECONDS).isLessThan(STREAM_SECONDS + 30);
            List<String> served = harness.served();
            for (int i = 0; i < CHUNKS; i++) {
                String request = String.format("GET /stream/%s/seg_%05d.ts -> 20", session, i); // 200, or 206 for a range
                assertThat(served).as("mpv fetched segment " + i).anyMatch(l -> l.startsWith(request));
            }
        }
    }

    /**
     * A player opened on a stream that is already running starts in its last segment, not three segments back:
     * FFmpeg's HLS reader (mpv's and ffplay's) starts three playlist entries from the end, and with the default SBS
     * converter each segment is listed as parts of about a second. Read with ffprobe, which is that same reader.
     */
    @Test
    void aPlayerOpenedOnARunningStreamStartsInItsLastSegment() throws Exception {
        List<Path> chunks = TestChunks.make(dir.resolve("running"), CHUNKS, 320, 180);
        try (PlaybackHarness harness = PlaybackHarness.start(dir,
                PlaybackSettings.defaults().withConverter(ConverterSettings.sbs()))) {
            String session = harness.createSession();
            for (int i = 0; i < CHUNKS; i++) {
                harness.upload(session, i, chunks.get(i));
            }
            String playlist = Await.value("4 segments listed", () -> harness.playlist(session),
                    p -> PlaybackHarness.segmentCount(p) == CHUNKS, Duration.ofSeconds(60));
            assertThat(playlist).contains("#EXT-X-BYTERANGE").doesNotContain("#EXT-X-ENDLIST");

            ExternalProcess.Result first = ExternalProcess.run(List.of("ffprobe", "-v", "error",
                    "-select_streams", "v:0", "-show_entries", "packet=pts_time", "-read_intervals", "%+#1",
                    "-of", "csv=p=0", harness.playlistUrl(session).toString()), null, Duration.ofSeconds(30));
            assertThat(first.succeeded()).as(first.stderrTail()).isTrue();
            double startSeconds = Double.parseDouble(first.stdout().lines().findFirst().orElseThrow().strip()
                    .replace(",", "")) - TransportStreamRemuxer.LEAD_IN_SECONDS;
            double lastSegmentStart = secondsBefore(playlist, String.format("seg_%05d.ts", CHUNKS - 1));
            System.out.printf("a player opened on a running %d s stream starts at %.2f s (last segment: %.2f s)%n",
                    CHUNKS * TestChunks.CHUNK_SECONDS, startSeconds, lastSegmentStart);
            assertThat(startSeconds).as("where the player starts, s into the stream")
                    .isGreaterThanOrEqualTo(lastSegmentStart - 0.05);
        }
    }

    /** The sum of the EXTINF durations of the entries listed before {@code uri}'s first. */
    private static double secondsBefore(String playlist, String uri) {
        double sum = 0;
        double pending = 0;
        for (String line : playlist.lines().toList()) {
            if (line.startsWith("#EXTINF:")) {
                pending = Double.parseDouble(line.substring("#EXTINF:".length(), line.indexOf(',')));
            } else if (line.equals(uri)) {
                return sum;
            } else if (!line.isBlank() && !line.startsWith("#")) {
                sum += pending;
            }
        }
        throw new AssertionError(uri + " is not listed");
    }

    private static Class<?> classOf(String simpleName) throws ClassNotFoundException {
        return Class.forName(PlaylistService.class.getPackageName() + "." + simpleName);
    }
}
