package io.stereospot.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.capture.session.SessionClient;
import io.stereospot.capture.source.CaptureSource;
import io.stereospot.capture.source.SourceCatalog;
import io.stereospot.capture.testing.RecordingListener;
import io.stereospot.capture.testing.StoreContents;
import io.stereospot.media.testenv.Await;
import io.stereospot.media.testenv.TestDesktop;
import io.stereospot.server.ServerConfig;
import io.stereospot.server.StreamServer;
import io.stereospot.server.access.AccessSettings;
import io.stereospot.server.convert.ConverterSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real broadcast against a server whose session quota is 4 MiB: once a chunk no longer fits, the broadcast stops
 * cleanly (STOPPED, {@link StopReason#SESSION_QUOTA_REACHED}, not a failure) with a sentence that says why, the
 * session is ended, and every acknowledged chunk is in the finished playlist.
 */
class QuotaStopIntegrationTest {

    private static final long QUOTA_BYTES = 4L << 20;
    private static final Pattern SEGMENT_LINE = Pattern.compile("(?m)^[^#\\s].*$");

    @TempDir
    Path dir;

    @Test
    void theQuotaStopsTheBroadcastCleanlyAndWhatWasAcknowledgedStaysPlayable() throws Exception {
        try (TestDesktop desktop = TestDesktop.start(dir.resolve("desktop"), 640, 360);
                StreamServer server = StreamServer.start(ServerConfig.builder().port(0).dataDir(dir.resolve("data"))
                        .converter(ConverterSettings.copy())
                        .access(AccessSettings.defaults().withLimits(100, 100, 100, QUOTA_BYTES)).build())) {
            desktop.openMovingWindow("moving", 0, 0, 640, 360);
            SourceCatalog catalog = SourceCatalog.forThisPlatform(desktop.environment());
            CaptureSource screen = catalog.find("screen:0").orElseThrow();
            CaptureSettings settings = new CaptureSettings(screen, Resolution.P720, false, false, 30, 2000,
                    dir.resolve("spool"), "sbs", null);
            RecordingListener events = new RecordingListener();
            Broadcast broadcast = Broadcast.builder(settings, new SessionClient(server.baseUrl()), events)
                    .catalog(catalog).build();

            broadcast.start();
            BroadcastState end = broadcast.termination().get(180, TimeUnit.SECONDS);

            String sessionId = events.sessions.get(0).sessionId();
            List<Integer> stored = StoreContents.chunkIndices(server, sessionId);
            System.out.printf("quota %d bytes: %d chunks stored, stopped with %s%n", QUOTA_BYTES, stored.size(),
                    events.warnings);
            assertThat(end).as("%s", broadcast.failureMessage()).isEqualTo(BroadcastState.STOPPED);
            assertThat(broadcast.stopReason()).contains(StopReason.SESSION_QUOTA_REACHED);
            assertThat(events.failures).isEmpty();
            assertThat(events.warnings).anySatisfy(w -> assertThat(w)
                    .contains("the stream server's upload quota for this session is used up (403 AccessDenied"));
            assertThat(stored).as("chunks stored").isNotEmpty();
            assertThat(events.uploadedIndices()).as("every stored chunk acknowledged, in order").isEqualTo(stored);
            assertThat(StoreContents.sessionRecord(server, sessionId)).matches("(?s).*\"ended_at\"\\s*:\\s*\"2.*");

            String playlist = Await.value("the finished playlist",
                    () -> playlist(server, sessionId),
                    p -> p.contains("#EXT-X-ENDLIST") && SEGMENT_LINE.matcher(p).results().count() == stored.size(),
                    Duration.ofSeconds(60));
            assertThat(SEGMENT_LINE.matcher(playlist).results().count()).isEqualTo(stored.size());
        }
    }

    private static String playlist(StreamServer server, String sessionId) {
        try {
            return server.playback().playlists().playlist(sessionId).orElse("");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
