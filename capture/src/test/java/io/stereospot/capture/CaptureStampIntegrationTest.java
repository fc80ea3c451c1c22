package io.stereospot.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.capture.session.SessionClient;
import io.stereospot.capture.source.CaptureSource;
import io.stereospot.capture.source.SourceCatalog;
import io.stereospot.capture.testing.ChunkProbe;
import io.stereospot.capture.testing.RecordingListener;
import io.stereospot.capture.testing.StoreContents;
import io.stereospot.contract.ObjectKeys;
import io.stereospot.media.testenv.TestDesktop;
import io.stereospot.server.ServerConfig;
import io.stereospot.server.StreamServer;
import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.store.Bucket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A chunk's capture stamp (the playlist's EXT-X-PROGRAM-DATE-TIME) is the wall time of its first frame: a white
 * window shown at a known wall time, once FFmpeg reports {@value #FLASH_AFTER_FRAMES} frames (its once-a-second
 * report comes 2–3 s into chunk 0), in a real capture of screen + system audio (PulseAudio opens
 * first, 0.4–1.3 s after FFmpeg starts, and was where the stamps came from before), appears in the chunk at
 * stamp + its time in the chunk, within {@value #TOLERANCE_MS} ms (a frame's 33 ms, the X server drawing, the
 * rig's clock reads). FFmpeg's own start, the old stamp, is logged beside it.
 */
class CaptureStampIntegrationTest {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureStampIntegrationTest.class);
    private static final long TOLERANCE_MS = 150;
    private static final long FLASH_AFTER_FRAMES = 45;

    @Test
    void aFrameShownAtAKnownWallTimeIsWhereItsChunksStampPutsIt(@TempDir Path dir) throws Exception {
        try (TestDesktop desktop = TestDesktop.start(dir.resolve("desktop"), 640, 360);
             StreamServer server = StreamServer.start(ServerConfig.builder().port(0)
                     .converter(ConverterSettings.copy()).dataDir(dir.resolve("data")).build())) {
            desktop.openMovingWindow("dark", 0, 0, 640, 360, "sleep 600");
            long white = desktop.openWhiteWindow("flash", 0, 0, 640, 360);
            desktop.unmapWindow(white);
            AtomicLong flashFromMs = new AtomicLong();
            AtomicLong flashToMs = new AtomicLong();
            CountDownLatch firstChunk = new CountDownLatch(1);
            AtomicBoolean flashed = new AtomicBoolean();
            RecordingListener events = new RecordingListener() {
                @Override
                public void encoderProgress(EncoderProgress p) {
                    super.encoderProgress(p);
                    if (p.frames() >= FLASH_AFTER_FRAMES && flashed.compareAndSet(false, true)) {
                        flashFromMs.set(System.currentTimeMillis());
                        desktop.mapWindow(white);
                        flashToMs.set(System.currentTimeMillis());
                    }
                }

                @Override
                public void chunkUploaded(int index, long bytes, long publishLatencyMs) {
                    super.chunkUploaded(index, bytes, publishLatencyMs);
                    firstChunk.countDown();
                }
            };
            SourceCatalog catalog = SourceCatalog.forThisPlatform(desktop.environment());
            CaptureSource screen = catalog.find("screen:0").orElseThrow();
            CaptureSettings settings = CaptureSettings.defaults(screen).withSystemAudio(true)
                    .withSpoolDir(dir.resolve("spool"));
            Broadcast broadcast = Broadcast.builder(settings, new SessionClient(server.baseUrl()), events)
                    .catalog(catalog).build();
            broadcast.start();
            assertThat(firstChunk.await(60, TimeUnit.SECONDS)).as("chunk 0 uploaded: %s / %s",
                    broadcast.failureMessage(), broadcast.lastEncoderError()).isTrue();
            assertThat(broadcast.stop()).isEqualTo(BroadcastState.STOPPED);
            assertThat(flashed).as("the flash was shown").isTrue();

            String sessionId = events.sessions.get(0).sessionId();
            Bucket bucket = new Bucket(server.adminS3(), server.bucket());
            List<Integer> stored = StoreContents.chunkIndices(server, sessionId);
            long stamp0 = stampMs(bucket, sessionId, 0);
            Double shownAtMs = null;
            for (int index : stored) {
                assertThat(stampMs(bucket, sessionId, index)).as("chunk %d's stamp", index)
                        .isEqualTo(stamp0 + index * settings.chunkDurationMs());
                Path chunk = StoreContents.chunkFile(server, sessionId, index);
                List<Double> flashes = ChunkProbe.flashTimes(chunk);
                if (shownAtMs == null && !flashes.isEmpty()) {
                    double intoChunkS = flashes.get(0) - ChunkProbe.streams(chunk).videoStart();
                    shownAtMs = stampMs(bucket, sessionId, index) + intoChunkS * 1000;
                    LOG.info("Flash in chunk {} at {} s of its picture", index, intoChunkS);
                }
            }
            assertThat(shownAtMs).as("the flash in one of chunks %s", stored).isNotNull();
            long flashMs = (flashFromMs.get() + flashToMs.get()) / 2;
            // The old stamps (FFmpeg's start) would put it earlier by what ChunkStamps logs as "ms after FFmpeg
            // started".
            LOG.info("Flash shown at {} ms (the call took {} ms); the stamps put it {} ms from that", flashMs,
                    flashToMs.get() - flashFromMs.get(), Math.round(shownAtMs - flashMs));
            assertThat(shownAtMs - flashMs).as("where the stamps put the flash, ms from when it was shown")
                    .isBetween((double) -TOLERANCE_MS, (double) TOLERANCE_MS);
        }
    }

    private static long stampMs(Bucket bucket, String sessionId, int index) {
        String stamp = bucket.info(ObjectKeys.chunk(sessionId, index)).orElseThrow().metadata()
                .get(ObjectKeys.CAPTURED_AT_METADATA);
        assertThat(stamp).as("chunk %d's stamp", index).isNotNull();
        return Long.parseLong(stamp);
    }
}
