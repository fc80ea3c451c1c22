package io.stereospot.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.capture.session.SessionClient;
import io.stereospot.capture.source.CaptureSource;
import io.stereospot.capture.source.SourceCatalog;
import io.stereospot.capture.testing.ChunkProbe;
import io.stereospot.capture.testing.RecordingListener;
import io.stereospot.capture.testing.StoreContents;
import io.stereospot.capture.upload.RetryPolicy;
import io.stereospot.media.testenv.Await;
import io.stereospot.media.testenv.TestDesktop;
import io.stereospot.server.ServerConfig;
import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.StreamServer;
import io.stereospot.server.store.StoreFault;
import io.stereospot.server.store.StoreFaults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults injected at the local store, with real capture and real PUTs. 2-second chunks keep it short; the rules are
 * the same at 5 s. One desktop and one server serve every case; each case sets the store's behaviour.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UploadFaultsIntegrationTest {

    private static final long CHUNK_MS = 2000;

    private Path dir;
    private TestDesktop desktop;
    private StreamServer server;
    private SourceCatalog catalog;
    private final AtomicReference<StoreFaults> faults = new AtomicReference<>(StoreFaults.NONE);
    /** PUTs the store saw, by chunk file name. */
    private final Map<String, AtomicInteger> puts = new ConcurrentHashMap<>();

    @BeforeAll
    void startDesktopAndServer(@TempDir Path tempDir) {
        dir = tempDir;
        desktop = TestDesktop.start(dir.resolve("desktop"), 640, 360);
        desktop.openMovingWindow("moving", 0, 0, 640, 360);
        catalog = SourceCatalog.forThisPlatform(desktop.environment());
        StoreFaults countedThenCurrent = (key, size) -> {
            puts.computeIfAbsent(key.substring(key.lastIndexOf('/') + 1), k -> new AtomicInteger()).incrementAndGet();
            return faults.get().onPutObject(key, size);
        };
        server = StreamServer.start(countedThenCurrent.installedIn(ServerConfig.builder().port(0), dir.resolve("data"))
                .converter(ConverterSettings.copy()).build());
    }

    @AfterAll
    void stopDesktopAndServer() {
        if (server != null) {
            server.close();
        }
        if (desktop != null) {
            desktop.close();
        }
    }

    @BeforeEach
    void clear() {
        puts.clear();
        faults.set(StoreFaults.NONE);
    }

    private Broadcast broadcast(RecordingListener events, RetryPolicy retries) {
        CaptureSource screen = catalog.find("screen:0").orElseThrow();
        CaptureSettings settings = new CaptureSettings(screen, Resolution.P720, false, false, 30, CHUNK_MS,
                dir.resolve("spool"), "sbs", null);
        return Broadcast.builder(settings, new SessionClient(server.baseUrl()), events)
                .catalog(catalog).retryPolicy(retries).build();
    }

    private int putsOf(int index) {
        AtomicInteger count = puts.get(String.format("chunk_%05d.mp4", index));
        return count == null ? 0 : count.get();
    }

    @Test
    void theFirstTwoPutsOfChunk1FailAndEveryChunkStillArrivesInOrder() throws Exception {
        AtomicInteger chunk1Failures = new AtomicInteger();
        faults.set((key, size) -> key.endsWith("/chunk_00001.mp4") && chunk1Failures.getAndIncrement() < 2
                ? (chunk1Failures.get() == 1 ? StoreFault.slowDown() : StoreFault.internalError()) : null);
        RecordingListener events = new RecordingListener();
        Broadcast broadcast = broadcast(events, new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(400)));
        broadcast.start();
        Await.until(() -> events.uploaded(3) || broadcast.state().isTerminal(), Duration.ofSeconds(40),
                "chunk 3 uploaded");
        assertThat(broadcast.stop()).as("%s", broadcast.failureMessage()).isEqualTo(BroadcastState.STOPPED);

        String sessionId = events.sessions.get(0).sessionId();
        List<Integer> stored = StoreContents.chunkIndices(server, sessionId);
        assertThat(stored.size()).isGreaterThanOrEqualTo(4);
        for (int i = 0; i < stored.size(); i++) {
            assertThat(stored.get(i)).as("contiguous").isEqualTo(i);
        }
        assertThat(events.uploadedIndices()).as("acknowledged strictly in order").isEqualTo(stored);
        assertThat(putsOf(1)).as("PUTs of chunk 1: two refused, the third stored").isEqualTo(3);
        ChunkProbe.Streams chunk1 = ChunkProbe.streams(StoreContents.chunkFile(server, sessionId, 1));
        assertThat(chunk1.videoCodec()).isEqualTo("h264");
        assertThat(chunk1.audioCodec()).as("no audio source chosen: a silent track all the same").isEqualTo("aac");
        assertThat(ChunkProbe.meanVolumeDb(StoreContents.chunkFile(server, sessionId, 1))).isLessThan(-80);
        assertThat(putsOf(0)).isEqualTo(1);
        assertThat(putsOf(2)).isEqualTo(1);
        assertThat(events.warnings).anyMatch(w -> w.startsWith("Upload of chunk 1 failed (attempt 1 of 3): the store"
                + " answered 503 SlowDown"));
        assertThat(StoreContents.sessionRecord(server, sessionId)).matches("(?s).*\"ended_at\"\\s*:\\s*\"2.*");
    }

    @Test
    void everyPutOfChunk1FailsSoTheBroadcastFailsAndNothingAfterChunk0Exists() throws Exception {
        faults.set((key, size) -> key.endsWith("/chunk_00001.mp4") ? StoreFault.slowDown() : null);
        RecordingListener events = new RecordingListener();
        Broadcast broadcast = broadcast(events, new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(400)));
        broadcast.start();
        BroadcastState end = broadcast.termination().get(40, TimeUnit.SECONDS);

        assertThat(end).isEqualTo(BroadcastState.FAILED);
        assertThat(broadcast.stopReason()).contains(StopReason.UPLOAD_FAILED);
        String sentence = "Upload of chunk 1 failed after 3 attempts: the store answered 503 SlowDown"
                + " (Please reduce your request rate.).";
        assertThat(broadcast.failureMessage()).contains(sentence);
        assertThat(events.failures).containsExactly(new RecordingListener.Failure(StopReason.UPLOAD_FAILED, sentence));
        String sessionId = events.sessions.get(0).sessionId();
        assertThat(StoreContents.chunkIndices(server, sessionId)).containsExactly(0);
        assertThat(putsOf(1)).as("exactly 3 attempts").isEqualTo(3);
        assertThat(putsOf(2)).as("chunk 2 never sent").isZero();
        assertThat(StoreContents.sessionRecord(server, sessionId)).matches("(?s).*\"ended_at\"\\s*:\\s*\"2.*");
    }

    @Test
    void stopDuringABackoffReturnsWithinASecond() throws Exception {
        faults.set((key, size) -> key.endsWith("/chunk_00000.mp4") ? StoreFault.internalError() : null);
        RecordingListener events = new RecordingListener();
        Broadcast broadcast = broadcast(events, new RetryPolicy(3, Duration.ofSeconds(8), Duration.ofSeconds(10)));
        broadcast.start();
        Await.until(() -> events.warnings.stream().anyMatch(w -> w.startsWith("Upload of chunk 0 failed (attempt 1")),
                Duration.ofSeconds(30), "the first retry of chunk 0 to be scheduled");

        long before = System.nanoTime();
        BroadcastState end = broadcast.stop();
        long stopMs = (System.nanoTime() - before) / 1_000_000;

        assertThat(stopMs).as("stop() during an 8-10 s backoff took %d ms", stopMs).isLessThan(1000);
        assertThat(end).isEqualTo(BroadcastState.STOPPED);
        assertThat(broadcast.stopReason()).contains(StopReason.USER_REQUESTED);
        assertThat(putsOf(0)).as("the retry never happened").isEqualTo(1);
        String sessionId = events.sessions.get(0).sessionId();
        assertThat(StoreContents.chunkIndices(server, sessionId)).isEmpty();
        assertThat(StoreContents.sessionRecord(server, sessionId)).matches("(?s).*\"ended_at\"\\s*:\\s*\"2.*");
    }
}
