package io.stereospot.server.players;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.contract.SessionStatus;
import io.stereospot.media.testenv.Await;
import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.playback.PlaybackSettings;
import io.stereospot.server.testing.LogCapture;
import io.stereospot.server.testing.PlaybackHarness;
import io.stereospot.server.testing.TestChunks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hls.js (default settings) in headless Chromium plays a live session it opened before the first chunk, near the
 * live edge (issue 11): chunks arrive at a capture's pace, each stamped as just captured, with the default (SBS) converter.
 * How far behind hls.js plays is read from its {@code playingDate} (the playlist's EXT-X-PROGRAM-DATE-TIME of the
 * frame on screen) against the same clock; the status endpoint's viewer delay must say about the same. Capture's
 * own encoder delay is not in it (the chunks are made beforehand): scripts/viewing/glass-to-glass.sh measures
 * the whole product.
 */
class HlsJsLiveTest {

    static final int CHUNKS = 6;
    static final long CHUNK_MS = TestChunks.CHUNK_SECONDS * 1000L;

    @TempDir
    Path dir;

    @Test
    void hlsJsOpenedAtOncePlaysNearTheLiveEdge() throws Exception {
        List<Path> chunks = TestChunks.make(dir.resolve("chunks"), CHUNKS, 640, 360);
        ScheduledExecutorService capture = Executors.newSingleThreadScheduledExecutor();
        try (PlaybackHarness harness = PlaybackHarness.start(dir,
                PlaybackSettings.defaults().withConverter(ConverterSettings.sbs()));
                LogCapture holds = new LogCapture(Class.forName("io.stereospot.server.playlist.PlaylistHold"))) {
            String session = harness.createSession();
            Path out = dir.resolve("hlsjs.out");
            Path err = dir.resolve("hlsjs.err");
            ProcessBuilder pb = new ProcessBuilder("bash", HlsJsPlaybackTest.SCRIPT.toAbsolutePath().toString(),
                    harness.playlistUrl(session).toString(), "20", "90")
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("HLSJS_WORK_DIR", Path.of("target/hlsjs").toAbsolutePath().toString());
            Process process = pb.start();
            // The URL is opened as soon as it is shown: before the first chunk, so the first request is held.
            Await.until("hls.js's first playlist request held", () -> !holds.events().isEmpty(),
                    Duration.ofSeconds(60));
            // Chunk i is complete (and uploaded) i chunk lengths after the first; its first frame one length earlier.
            for (int i = 0; i < CHUNKS; i++) {
                int index = i;
                capture.schedule(() -> harness.upload(session, index, chunks.get(index),
                        System.currentTimeMillis() - CHUNK_MS), index * CHUNK_MS, TimeUnit.MILLISECONDS);
            }
            capture.schedule(() -> harness.end(session), CHUNKS * CHUNK_MS - 500, TimeUnit.MILLISECONDS);
            SessionStatus status = null;
            List<Double> reported = new ArrayList<>();
            while (!process.waitFor(1, TimeUnit.SECONDS)) {
                if (PlaybackHarness.segmentCount(harness.playback().playlists().playlist(session).orElseThrow()) > 0) {
                    assertThat(harness.playback().playlists().playlist(session).orElseThrow())
                            .contains("#EXT-X-PROGRAM-DATE-TIME:");
                }
                status = harness.server().playback().statuses().status(session).orElseThrow();
                if (status.viewerDelaySeconds() != null) {
                    reported.add(status.viewerDelaySeconds());
                }
            }
            String stdout = Files.readString(out).strip();
            assertThat(process.exitValue()).as("hls.js runner; stderr: " + Files.readString(err)).isZero();
            JsonNode result = new ObjectMapper().readTree(stdout.lines().reduce((a, b) -> b).orElse("{}"));
            System.out.println("hls.js live: " + result + "\nstatus viewer delay (s): " + reported);

            List<String> fatal = new ArrayList<>();
            result.path("errors").forEach(e -> {
                if (e.asText().startsWith("fatal") || e.asText().startsWith("video element")) {
                    fatal.add(e.asText());
                }
            });
            assertThat(fatal).as("fatal player errors").isEmpty();
            // hls.js reloads with _HLS_msn (the playlist says CAN-BLOCK-RELOAD=YES), each held until its segment.
            long blockingReloads = holds.messages(ch.qos.logback.classic.Level.DEBUG).stream()
                    .filter(m -> m.contains("(_HLS_msn)")).count();
            System.out.println("hls.js blocking reloads held: " + blockingReloads);
            assertThat(blockingReloads).as("hls.js reloads held for the next segment").isGreaterThanOrEqualTo(CHUNKS - 2);
            assertThat(result.path("played").asDouble()).as("seconds played").isGreaterThan(12.0);
            List<Long> behindMs = new ArrayList<>();
            result.path("behindMs").forEach(n -> behindMs.add(n.asLong()));
            assertThat(behindMs).as("samples of how far behind hls.js played").hasSizeGreaterThan(10);
            List<Long> sorted = behindMs.stream().sorted().toList();
            long median = sorted.get(sorted.size() / 2);
            long max = sorted.get(sorted.size() - 1);
            System.out.printf("hls.js behind the capture: median %.1f s, max %.1f s%n", median / 1e3, max / 1e3);
            // One segment plus upload and conversion: 7.7-8.8 s median measured here, 7.0-7.5 s since reloads are held until
            // the segment is listed (the SBS converter alone takes
            // 1-4 s on this shared 2-core machine, and a player that stalled never catches up). Starting three
            // segments back, as players do without EXT-X-START, it would be 15 s more than the segment's own delay.
            assertThat(median).as("ms hls.js played behind the capture, median").isLessThanOrEqualTo(11_000);
            assertThat(max).as("ms hls.js played behind the capture, at most").isLessThanOrEqualTo(14_000);
            assertThat(reported).as("the status endpoint's viewer delay").isNotEmpty()
                    .allSatisfy(s -> assertThat(s).isBetween(median / 1e3 - 2.5, median / 1e3 + 2.5));
        } finally {
            capture.shutdownNow();
        }
    }
}
