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
import io.stereospot.server.config.AwsSettings;
import io.stereospot.server.config.Storage;
import io.stereospot.server.config.StorageClients;
import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.iam.EmbeddedSts;
import io.stereospot.server.iam.RootCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real broadcast against a server whose session quota is 4 MiB: once a chunk no longer fits, the broadcast stops
 * cleanly (STOPPED, {@link StopReason#SESSION_QUOTA_REACHED}, not a failure) with a sentence that says why, the
 * session is ended, and every acknowledged chunk is in the finished playlist; on the embedded store and on the AWS
 * code path.
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
            RecordingListener events = new RecordingListener();
            Broadcast broadcast = broadcastUntilItStops(desktop, server, events);
            BroadcastState end = broadcast.termination().join();

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

    /**
     * The same broadcast against a server in AWS mode, uploading to a bare S3 + STS endpoint that takes every PUT:
     * the server's converter refuses the chunk past the quota and ends the session, and the broadcast learns it from
     * the session's status. S3 may hold chunks past the quota (sent before the broadcast learned); the finished
     * playlist lists exactly the chunks within it.
     */
    @Test
    void onAwsS3TheStatusStopsTheBroadcastCleanly() throws Exception {
        Deque<AutoCloseable> bareStore = new ArrayDeque<>();
        StorageClients s3 = new Storage.Embedded(dir.resolve("store")).open(new Storage.Site("127.0.0.1", 0, 0,
                ServerConfig.DEFAULT_BUCKET, Clock.systemUTC()), bareStore);
        RootCredentials root = RootCredentials.loadOrCreate(dir.resolve("store"));
        System.setProperty("aws.accessKeyId", root.accessKeyId());
        System.setProperty("aws.secretAccessKey", root.secretAccessKey());
        try (TestDesktop desktop = TestDesktop.start(dir.resolve("desktop"), 640, 360);
                StreamServer server = StreamServer.start(ServerConfig.builder().port(0).dataDir(dir.resolve("unused"))
                        .aws(new AwsSettings(EmbeddedSts.LOCAL_ROLE_ARN, "us-east-1", s3.s3Endpoint(),
                                s3.stsEndpoint()))
                        .converter(ConverterSettings.copy())
                        .access(AccessSettings.defaults().withLimits(100, 100, 100, QUOTA_BYTES)).build())) {
            RecordingListener events = new RecordingListener();
            Broadcast broadcast = broadcastUntilItStops(desktop, server, events);
            BroadcastState end = broadcast.termination().join();

            String sessionId = events.sessions.get(0).sessionId();
            String record = StoreContents.sessionRecord(server, sessionId);
            List<Integer> stored = StoreContents.chunkIndices(server, sessionId);
            System.out.printf("quota %d bytes on AWS mode: %d chunks stored, record %s, stopped with %s%n",
                    QUOTA_BYTES, stored.size(), record, events.warnings);
            assertThat(end).as("%s", broadcast.failureMessage()).isEqualTo(BroadcastState.STOPPED);
            assertThat(broadcast.stopReason()).contains(StopReason.SESSION_QUOTA_REACHED);
            assertThat(events.failures).isEmpty();
            assertThat(events.warnings).contains(UploadMonitor.QUOTA_ENDED);
            assertThat(record).matches("(?s).*\"end_reason\"\\s*:\\s*\"session_quota_reached\".*");
            Matcher counted = Pattern.compile("\"chunks_counted\"\\s*:\\s*(\\d+)").matcher(record);
            assertThat(counted.find()).isTrue();
            int within = Integer.parseInt(counted.group(1));
            assertThat(stored.size()).as("S3 took the chunk past the quota too").isGreaterThan(within);

            String playlist = Await.value("the finished playlist", () -> playlist(server, sessionId),
                    p -> p.contains("#EXT-X-ENDLIST"), Duration.ofSeconds(60));
            assertThat(SEGMENT_LINE.matcher(playlist).results().count()).isEqualTo(within);
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
            while (!bareStore.isEmpty()) {
                bareStore.pop().close();
            }
        }
    }

    /** A 720p broadcast of the test desktop's screen, with a moving window on it, until it stops by itself. */
    private Broadcast broadcastUntilItStops(TestDesktop desktop, StreamServer server, RecordingListener events)
            throws Exception {
        desktop.openMovingWindow("moving", 0, 0, 640, 360);
        SourceCatalog catalog = SourceCatalog.forThisPlatform(desktop.environment());
        CaptureSource screen = catalog.find("screen:0").orElseThrow();
        CaptureSettings settings = new CaptureSettings(screen, Resolution.P720, false, false, 30, 2000,
                dir.resolve("spool"), "sbs", null);
        Broadcast broadcast = Broadcast.builder(settings, new SessionClient(server.baseUrl()), events)
                .catalog(catalog).build();
        broadcast.start();
        broadcast.termination().get(180, TimeUnit.SECONDS);
        return broadcast;
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
