package io.stereospot.capture;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.stereospot.capture.session.SessionClient;
import io.stereospot.capture.source.CaptureSource;
import io.stereospot.capture.source.SourceCatalog;
import io.stereospot.capture.testing.PlaylistReader;
import io.stereospot.capture.testing.RecordingListener;
import io.stereospot.capture.testing.StoreContents;
import io.stereospot.capture.upload.S3ChunkStore;
import io.stereospot.capture.upload.UploadAttemptException;
import io.stereospot.contract.ObjectKeys;
import io.stereospot.contract.StreamSession;
import io.stereospot.contract.UploadGrant;
import io.stereospot.media.testenv.Await;
import io.stereospot.media.testenv.TestDesktop;
import io.stereospot.server.ServerConfig;
import io.stereospot.server.StreamServer;
import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.session.SessionService;
import io.stereospot.server.store.ObjectStoredListener;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A long stream, scaled: credentials that live {@value #LIFETIME_S} s (as {@code --credential-lifetime 20s} sets)
 * and a real broadcast (FFmpeg on the test Xvfb and PulseAudio) with today's defaults but for 2-second chunks,
 * across at least {@value #RENEWALS} renewals. Every chunk is stored, contiguous and listed in the playlist; the
 * stream stops only when asked; every renewal is in the server's log without its secret; and the first credentials
 * stop working at their own expiry while the stream goes on with renewed ones.
 */
class LongStreamIntegrationTest {

    private static final long LIFETIME_S = 20;
    private static final int RENEWALS = 4;
    private static final long CHUNK_MS = 2000;

    @TempDir
    Path dir;

    @Test
    void renewsAcrossFourRenewalsAndStopsOnlyWhenAsked() throws Exception {
        Map<String, Instant> storedAt = new ConcurrentHashMap<>();
        ObjectStoredListener arrivals = (key, sizeBytes) -> {
            if (key.startsWith(ObjectKeys.INPUT_ROOT)) {
                storedAt.put(key, Instant.now());
            }
        };
        ListAppender<ILoggingEvent> serverLog = new ListAppender<>();
        Logger sessionLog = (Logger) LoggerFactory.getLogger(SessionService.class);
        Level previous = sessionLog.getLevel();
        serverLog.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        serverLog.start();
        sessionLog.addAppender(serverLog);
        sessionLog.setLevel(Level.INFO);
        try (TestDesktop desktop = TestDesktop.start(dir.resolve("desktop"), 640, 360);
                StreamServer server = StreamServer.start(ServerConfig.builder().port(0).dataDir(dir.resolve("data"))
                        .converter(ConverterSettings.copy()).credentialLifetime(Duration.ofSeconds(LIFETIME_S))
                        .build())) {
            desktop.openMovingWindow("moving", 0, 0, 640, 360);
            server.addObjectStoredListener(arrivals);
            SourceCatalog catalog = SourceCatalog.forThisPlatform(desktop.environment());
            CaptureSource screen = catalog.find("screen:0").orElseThrow();
            CaptureSettings settings = new CaptureSettings(screen, Resolution.P720, false, false, 30, CHUNK_MS,
                    dir.resolve("spool"), "sbs", null);
            RecordingListener events = new RecordingListener();
            Broadcast broadcast = Broadcast.builder(settings, new SessionClient(server.baseUrl()), events)
                    .catalog(catalog).build();

            long started = System.nanoTime();
            broadcast.start();
            StreamSession session = Await.value("the session", () -> events.sessions.isEmpty() ? null
                    : events.sessions.get(0), s -> s != null, Duration.ofSeconds(30));
            UploadGrant first = session.upload();
            assertThat(session.renewal()).as("the server offers renewal").isNotNull();

            // Mid-stream, once the first credentials have expired: they are refused, the stream goes on.
            Await.until(() -> Instant.now().isAfter(first.expiresAtInstant().plusMillis(500)),
                    Duration.ofSeconds(LIFETIME_S + 30), "the first credentials to expire");
            UploadAttemptException refused = putWith(first, session.sessionId(), ObjectKeys.MAX_INDEX);
            assertThat(broadcast.state()).as("%s", broadcast.failureMessage()).isEqualTo(BroadcastState.LIVE);

            Await.until(() -> events.renewals.size() >= RENEWALS || broadcast.state().isTerminal(),
                    Duration.ofSeconds(LIFETIME_S * (RENEWALS + 1)), RENEWALS + " renewals");
            Instant askedAt = Instant.now();
            BroadcastState end = broadcast.stop();
            long ranMs = (System.nanoTime() - started) / 1_000_000;

            String id = session.sessionId();
            List<UploadGrant> grants = new ArrayList<>(List.of(first));
            grants.addAll(events.renewals);
            List<Integer> stored = StoreContents.chunkIndices(server, id);
            String playlist = Await.value("the playlist to end", () -> PlaylistReader.text(URI.create(session.playlistUrl())),
                    p -> p.contains("#EXT-X-ENDLIST"), Duration.ofSeconds(60));
            List<String> logLines = serverLog.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            List<String> renewalLines = logLines.stream()
                    .filter(l -> l.startsWith("Session " + id + " renewed its upload credentials")).toList();
            System.out.printf("FIGURES long stream: credentials %d s, %d renewals (renewed every ~%d ms), %d chunks of"
                    + " %d ms stored and listed, broadcast %d ms, stop asked %d ms after the first expiry%n",
                    LIFETIME_S, events.renewals.size(), renewalInterval(grants).toMillis(), stored.size(), CHUNK_MS,
                    ranMs, Duration.between(first.expiresAtInstant(), askedAt).toMillis());

            assertThat(end).as("%s", broadcast.failureMessage()).isEqualTo(BroadcastState.STOPPED);
            assertThat(broadcast.stopReason()).as("stopped only when asked").contains(StopReason.USER_REQUESTED);
            assertThat(events.states).containsExactly(BroadcastState.STARTING, BroadcastState.LIVE,
                    BroadcastState.STOPPING, BroadcastState.STOPPED);
            assertThat(events.failures).isEmpty();
            assertThat(events.warnings).as("no warning about expiry or renewal")
                    .noneMatch(w -> w.contains("credentials"));

            assertThat(events.renewals).hasSizeGreaterThanOrEqualTo(RENEWALS);
            for (int i = 1; i < grants.size(); i++) {
                UploadGrant before = grants.get(i - 1);
                UploadGrant next = grants.get(i);
                assertThat(next.keyPrefix()).isEqualTo(first.keyPrefix());
                assertThat(next.bucket()).isEqualTo(first.bucket());
                assertThat(next.accessKeyId()).isNotEqualTo(before.accessKeyId());
                assertThat(next.expiresAtInstant()).as("renewal %d", i).isAfter(before.expiresAtInstant());
            }
            for (UploadGrant grant : grants.subList(0, grants.size() - 2)) {
                assertThat(storedAt.values()).as("chunks stored after %s expired", grant.expiresAt())
                        .anyMatch(t -> t.isAfter(grant.expiresAtInstant()));
            }

            assertThat(stored).as("every chunk, contiguous from 0")
                    .isEqualTo(IntStream.range(0, stored.size()).boxed().toList());
            assertThat(stored.size()).isGreaterThanOrEqualTo((int) (LIFETIME_S * RENEWALS * 1000 / CHUNK_MS / 2));
            assertThat(events.uploadedIndices()).as("every chunk acknowledged, in order").isEqualTo(stored);
            assertThat(PlaylistReader.indices(playlist)).as("every chunk listed in the playlist").isEqualTo(stored);
            assertThat(StoreContents.sessionRecord(server, id)).matches("(?s).*\"ended_at\"\\s*:\\s*\"2.*");

            assertThat(renewalLines).as("every renewal in the server's log").hasSize(events.renewals.size());
            for (UploadGrant grant : events.renewals) {
                assertThat(renewalLines).anyMatch(l -> l.contains(grant.accessKeyId()));
            }
            String secret = session.renewal().secret();
            assertThat(logLines).as("no line holds the renewal secret or a credential's secret")
                    .noneMatch(l -> l.contains(secret) || l.contains(secret.substring(secret.indexOf('.') + 1))
                            || grants.stream().anyMatch(g -> l.contains(g.secretAccessKey())
                                    || l.contains(g.sessionToken())));

            assertThat(refused).as("a PUT with the first credentials after their expiry is refused").isNotNull();
            assertThat(refused.getMessage()).isEqualTo("the upload credentials have expired (400 ExpiredToken)");
            assertThat(stored).doesNotContain(ObjectKeys.MAX_INDEX);
        } finally {
            sessionLog.detachAppender(serverLog);
            sessionLog.setLevel(previous);
            Files.deleteIfExists(dir.resolve("late.mp4"));
        }
    }

    /** A PUT of chunk {@code index} with {@code grant}'s credentials; the refusal, or null when it was stored. */
    private UploadAttemptException putWith(UploadGrant grant, String sessionId, int index) throws IOException {
        Path late = Files.write(dir.resolve("late.mp4"), new byte[64 * 1024]);
        try (S3ChunkStore store = new S3ChunkStore(sessionId, grant)) {
            store.put(index, late);
            return null;
        } catch (UploadAttemptException e) {
            return e;
        }
    }

    /** The mean time between two expiries, which is the time between two renewals. */
    private static Duration renewalInterval(List<UploadGrant> grants) {
        return Duration.between(grants.get(0).expiresAtInstant(), grants.get(grants.size() - 1).expiresAtInstant())
                .dividedBy(Math.max(1, grants.size() - 1));
    }
}
