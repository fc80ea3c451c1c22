package io.stereospot.server.playlist;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.playback.PlaybackSettings;
import io.stereospot.media.testenv.Await;
import io.stereospot.server.testing.HlsProbe;
import io.stereospot.server.testing.PlaybackHarness;
import io.stereospot.server.testing.TestChunks;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole playback path with the default (sbs) converter: chunks made by FFmpeg arrive one by one, the playlist
 * grows without ENDLIST, gets ENDLIST after the end, and FFmpeg's HLS reader decodes all of it back to back.
 */
class LivePlaylistTest {

    static final int CHUNKS = 4;
    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    static PlaybackHarness harness;
    static List<Path> chunks;

    @BeforeAll
    static void start() throws Exception {
        chunks = TestChunks.make(dir.resolve("chunks"), CHUNKS, 640, 360);
        harness = PlaybackHarness.start(dir, PlaybackSettings.defaults().withConverter(ConverterSettings.sbs()));
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
    }

    @Test
    void growsLiveThenEndsAndFfprobeDecodesEveryFrameBackToBack() throws Exception {
        String session = harness.createSession();
        // Asked of the service: a player's request would be held until the first segment (PlaylistHold).
        String empty = harness.playback().playlists().playlist(session).orElseThrow();
        assertThat(PlaybackHarness.segmentCount(empty)).isZero();
        assertThat(empty).doesNotContain("#EXT-X-ENDLIST");

        List<Long> seen = new ArrayList<>();
        for (int i = 0; i < CHUNKS; i++) {
            harness.upload(session, i, chunks.get(i));
            int expected = i + 1;
            String live = Await.value("playlist with " + expected + " segments", () -> harness.playlist(session),
                    p -> PlaybackHarness.segmentCount(p) == expected, WAIT);
            assertThat(live).as("live playlist").doesNotContain("#EXT-X-ENDLIST")
                    .contains("#EXT-X-PLAYLIST-TYPE:EVENT", "#EXT-X-MEDIA-SEQUENCE:0", "#EXT-X-TARGETDURATION:5");
            seen.add(PlaybackHarness.segmentCount(live));
        }
        assertThat(seen).containsExactly(1L, 2L, 3L, 4L);

        harness.end(session);
        String done = Await.value("ENDLIST", () -> harness.playlist(session),
                p -> p.contains("#EXT-X-ENDLIST"), WAIT);
        assertThat(PlaybackHarness.segmentCount(done)).isEqualTo(CHUNKS);

        HttpResponse<String> response = harness.get(harness.playlistUrl(session));
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/vnd.apple.mpegurl"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("max-age=1");

        HlsProbe.Report report = HlsProbe.of(harness.playlistUrl(session));
        System.out.println("ffprobe over HTTP: " + report);
        int uploadedFrames = CHUNKS * TestChunks.FRAMES_PER_CHUNK;
        assertThat(report.videoFrames()).as("frames decoded of " + uploadedFrames)
                .isGreaterThanOrEqualTo((long) Math.ceil(0.99 * uploadedFrames))
                .isLessThanOrEqualTo(uploadedFrames);
        assertThat(report.decodeErrors()).as("decode errors").isEmpty();
        assertThat(report.nonMonotonic()).as("timestamps going backwards").isEmpty();
        assertThat(report.durationSeconds()).isCloseTo(CHUNKS * TestChunks.CHUNK_SECONDS, org.assertj.core.data.Offset.offset(0.25));
        assertThat(report.audioFrames()).as("audio came through").isGreaterThan(0);
    }
}
