package io.stereospot.server.playback;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.contract.ObjectKeys;
import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.session.SessionHousekeeping;
import io.stereospot.media.testenv.Await;
import io.stereospot.server.testing.MutableClock;
import io.stereospot.server.testing.PlaybackHarness;
import io.stereospot.server.testing.TestChunks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Playback inside the real server: the embedded store's notification wakes the converter (polling is switched
 * off here), and sessions are ended at credential expiry and swept a day after their end.
 */
class ServerPlaybackLifecycleTest {

    @TempDir
    static Path dir;
    static MutableClock clock = new MutableClock();
    static PlaybackHarness harness;
    static List<Path> chunks;

    @BeforeAll
    static void start() throws Exception {
        chunks = TestChunks.make(dir.resolve("chunks"), 2, 160, 120);
        PlaybackSettings settings = PlaybackSettings.defaults().withConverter(ConverterSettings.copy())
                .withHousekeepingInterval(Duration.ofHours(1));
        settings = settings.withWorker(settings.worker().withPollInterval(Duration.ofHours(1)));
        harness = PlaybackHarness.start(dir, settings, clock);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void aNewChunkIsNoticedThroughTheStoresNotification() {
        String session = harness.createSession();
        long uploaded = System.nanoTime();
        harness.upload(session, 0, chunks.get(0));
        Await.until("segment 0 listed", () -> PlaybackHarness.segmentCount(harness.playlist(session)) == 1,
                Duration.ofSeconds(10));
        double seconds = (System.nanoTime() - uploaded) / 1e9;
        System.out.printf("upload done to segment listed (copy converter, no polling): %.3f s%n", seconds);
        assertThat(seconds).as("seconds from upload to listing").isLessThan(3.0);
    }

    @Test
    void aSessionNeverEndedIsEndedAtCredentialExpiryAndSweptADayLater() {
        String session = harness.createSession();
        harness.upload(session, 0, chunks.get(0));
        harness.upload(session, 1, chunks.get(1));
        Await.until("2 segments", () -> PlaybackHarness.segmentCount(harness.playlist(session)) == 2,
                Duration.ofSeconds(30));
        assertThat(harness.playlist(session)).doesNotContain("#EXT-X-ENDLIST");

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        SessionHousekeeping.Outcome expiry = harness.playback().housekeepNow();
        assertThat(expiry.ended()).isGreaterThanOrEqualTo(1);
        assertThat(harness.server().sessions().find(session).orElseThrow().ended()).isTrue();
        Await.until("ENDLIST after expiry", () -> harness.playlist(session).contains("#EXT-X-ENDLIST"),
                Duration.ofSeconds(10));

        clock.advance(Duration.ofHours(24));
        assertThat(harness.playback().housekeepNow().swept()).isGreaterThanOrEqualTo(1);
        assertThat(harness.get(harness.playlistUrl(session)).statusCode()).isEqualTo(404);
        assertThat(harness.storeFile(ObjectKeys.chunk(session, 0))).doesNotExist();
        assertThat(harness.storeFile(ObjectKeys.segment(session, 0))).doesNotExist();
        assertThat(harness.storeFile(ObjectKeys.sessionRecord(session))).doesNotExist();
    }
}
