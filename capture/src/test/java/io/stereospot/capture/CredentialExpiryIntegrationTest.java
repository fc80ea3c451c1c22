package io.stereospot.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.capture.session.SessionClient;
import io.stereospot.capture.source.CaptureSource;
import io.stereospot.capture.source.SourceCatalog;
import io.stereospot.capture.testing.ChunkProbe;
import io.stereospot.capture.testing.RecordingListener;
import io.stereospot.capture.testing.StoreContents;
import io.stereospot.capture.testing.WithoutRenewal;
import io.stereospot.capture.upload.S3ChunkStore;
import io.stereospot.capture.upload.UploadAttemptException;
import io.stereospot.contract.StreamSession;
import io.stereospot.media.testenv.Await;
import io.stereospot.media.testenv.TestDesktop;
import io.stereospot.server.ServerConfig;
import io.stereospot.server.StreamServer;
import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.store.ObjectStoredListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials that live 30 s (set on the server, as {@code --credential-lifetime 30s} does) and a broadcast whose
 * leads are scaled to match (warn 10 s before, stop 5 s before): the warning comes on time, the broadcast stops
 * cleanly before expiry with its last partial chunk uploaded, and nothing reaches the store after expires_at. The
 * client does not renew ({@link WithoutRenewal}): this is the path of a server without renewal;
 * {@link LongStreamIntegrationTest} is the one with it.
 */
class CredentialExpiryIntegrationTest {

    private static final Duration LIFETIME = Duration.ofSeconds(30);
    private static final Duration WARN_BEFORE = Duration.ofSeconds(10);
    private static final Duration STOP_BEFORE = Duration.ofSeconds(5);
    private static final long CHUNK_MS = 2000;

    @TempDir
    Path dir;

    /** Keeps when each warning arrived. */
    private static final class TimedListener extends RecordingListener {
        final Map<String, Instant> warningTimes = new ConcurrentHashMap<>();

        @Override
        public void warning(String sentence) {
            warningTimes.putIfAbsent(sentence, Instant.now());
            super.warning(sentence);
        }

        Instant firstStartingWith(String prefix) {
            return warningTimes.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                    .map(Map.Entry::getValue).min(Instant::compareTo)
                    .orElseThrow(() -> new AssertionError("no warning starting with '" + prefix + "' in "
                            + warnings));
        }
    }

    @Test
    void warnsOnTimeStopsBeforeExpiryAndNothingIsStoredAfterIt() throws Exception {
        Map<String, Instant> storedAt = new ConcurrentHashMap<>();
        ObjectStoredListener arrivals = (key, sizeBytes) -> {
            if (key.startsWith("stream_input/")) {
                storedAt.put(key, Instant.now());
            }
        };
        try (TestDesktop desktop = TestDesktop.start(dir.resolve("desktop"), 640, 360);
                StreamServer server = StreamServer.start(ServerConfig.builder().port(0).dataDir(dir.resolve("data"))
                        .converter(ConverterSettings.copy()).credentialLifetime(LIFETIME).build())) {
            desktop.openMovingWindow("moving", 0, 0, 640, 360);
            server.addObjectStoredListener(arrivals);
            SourceCatalog catalog = SourceCatalog.forThisPlatform(desktop.environment());
            CaptureSource screen = catalog.find("screen:0").orElseThrow();
            Path spool = dir.resolve("spool");
            CaptureSettings settings = new CaptureSettings(screen, Resolution.P720, false, false, 30, CHUNK_MS,
                    spool, "sbs", null);
            TimedListener events = new TimedListener();
            Broadcast broadcast = Broadcast.builder(settings,
                    new WithoutRenewal(new SessionClient(server.baseUrl())), events)
                    .catalog(catalog).credentialLeads(WARN_BEFORE, STOP_BEFORE).build();

            broadcast.start();
            BroadcastState end = broadcast.termination().get(LIFETIME.toSeconds() + 30, TimeUnit.SECONDS);
            Instant terminatedAt = Instant.now();

            StreamSession session = events.sessions.get(0);
            String sessionId = session.sessionId();
            Instant expiresAt = session.upload().expiresAtInstant();
            Instant warnedAt = events.firstStartingWith("The upload credentials expire at");
            Instant stoppingAt = events.firstStartingWith("Stopping: the upload credentials expire");
            Duration warningLead = Duration.between(warnedAt, expiresAt);
            Duration stopLead = Duration.between(stoppingAt, expiresAt);
            Duration doneBeforeExpiry = Duration.between(terminatedAt, expiresAt);
            List<Integer> stored = StoreContents.chunkIndices(server, sessionId);
            Instant lastStore = storedAt.values().stream().max(Instant::compareTo).orElseThrow();
            ChunkProbe.Streams lastChunk = ChunkProbe.streams(
                    StoreContents.chunkFile(server, sessionId, stored.get(stored.size() - 1)));
            System.out.printf("lifetime %s: warning %d ms before expires_at, stop asked %d ms before, broadcast done "
                    + "%d ms before, last chunk stored %d ms before; %d chunks, the last %.3f s (%d frames)%n",
                    LIFETIME, warningLead.toMillis(), stopLead.toMillis(), doneBeforeExpiry.toMillis(),
                    Duration.between(lastStore, expiresAt).toMillis(), stored.size(), lastChunk.formatDuration(),
                    lastChunk.videoFrames());

            assertThat(end).as("%s", broadcast.failureMessage()).isEqualTo(BroadcastState.STOPPED);
            assertThat(broadcast.stopReason()).contains(StopReason.CREDENTIALS_EXPIRING);
            assertThat(events.failures).isEmpty();
            assertThat(warningLead).as("the warning comes about %s before expiry", WARN_BEFORE)
                    .isBetween(WARN_BEFORE.minusMillis(1500), WARN_BEFORE.plusMillis(500));
            assertThat(stopLead).as("the stop starts about %s before expiry", STOP_BEFORE)
                    .isBetween(STOP_BEFORE.minusMillis(1500), STOP_BEFORE.plusMillis(500));
            assertThat(terminatedAt).as("stopped (last chunk uploaded, session ended) before expiry")
                    .isBefore(expiresAt);

            assertThat(stored).as("chunks stored").hasSizeGreaterThanOrEqualTo(5);
            for (int i = 0; i < stored.size(); i++) {
                assertThat(stored.get(i)).as("contiguous from 0").isEqualTo(i);
            }
            assertThat(events.uploadedIndices()).as("every chunk acknowledged, in order").isEqualTo(stored);
            assertThat(storedAt).hasSize(stored.size());
            assertThat(storedAt.values()).as("nothing stored after expires_at %s", expiresAt)
                    .allMatch(t -> t.isBefore(expiresAt));
            assertThat(lastChunk.videoFrames()).as("the last, partial chunk was uploaded and plays")
                    .isBetween(1L, CHUNK_MS * 30 / 1000 + 1);
            assertThat(leftoverChunks(spool.resolve(sessionId))).as("no chunk left unsent in the spool").isEmpty();
            assertThat(StoreContents.sessionRecord(server, sessionId)).matches("(?s).*\"ended_at\"\\s*:\\s*\"2.*");

            Await.until(() -> Instant.now().isAfter(expiresAt.plusMillis(200)), LIFETIME, "expires_at to pass");
            Path late = Files.write(dir.resolve("late.mp4"), new byte[64 * 1024]);
            int lateIndex = stored.size();
            UploadAttemptException refused = null;
            try (S3ChunkStore store = new S3ChunkStore(sessionId, session.upload())) {
                store.put(lateIndex, late);
            } catch (UploadAttemptException e) {
                refused = e;
            }
            assertThat(refused).as("a PUT after expires_at is refused").isNotNull();
            assertThat(refused.retryable()).isFalse();
            assertThat(refused.getMessage()).isEqualTo("the upload credentials have expired (400 ExpiredToken)");
            assertThat(StoreContents.chunkIndices(server, sessionId)).doesNotContain(lateIndex);
        } finally {
            Files.deleteIfExists(dir.resolve("late.mp4"));
        }
    }

    private static List<Path> leftoverChunks(Path sessionSpool) throws Exception {
        if (!Files.isDirectory(sessionSpool)) {
            return List.of();
        }
        try (var files = Files.list(sessionSpool)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".mp4")).toList();
        }
    }
}
