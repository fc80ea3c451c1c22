package io.stereospot.capture.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.capture.session.SessionClient;
import io.stereospot.contract.StreamSession;
import io.stereospot.server.ServerConfig;
import io.stereospot.server.StreamServer;
import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.store.StoreFault;
import io.stereospot.server.store.StoreFaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capture client against a store whose disk is full: the server's answer (the same {@link StoreFault#diskFull()}
 * that server's DiskFullTest gets from a real full tmpfs) is retried, and the final sentence says the disk is full.
 */
class DiskFullUploadTest {

    @TempDir
    Path dir;

    @Test
    void aFullDiskIsRetriedThenFailsWithASentenceAboutTheDisk() throws Exception {
        AtomicInteger puts = new AtomicInteger();
        StoreFaults diskFull = (key, size) -> {
            puts.incrementAndGet();
            return StoreFault.diskFull();
        };
        try (StreamServer server = StreamServer.start(diskFull.installedIn(ServerConfig.builder().port(0),
                dir.resolve("data")).converter(ConverterSettings.copy()).build())) {
            StreamSession session = new SessionClient(server.baseUrl()).create("sbs");
            Path chunk = Files.write(dir.resolve("chunk_00000.mp4"), new byte[300_000]);

            try (S3ChunkStore store = new S3ChunkStore(session.sessionId(), session.upload())) {
                UploadAttemptException once = null;
                try {
                    store.put(0, chunk);
                } catch (UploadAttemptException e) {
                    once = e;
                }
                assertThat(once).isNotNull();
                assertThat(once.retryable()).as("a full disk may be freed: worth another attempt").isTrue();
                assertThat(once.getMessage()).isEqualTo("the stream server's disk is full (503 SlowDown)");

                RecordedUploads told = new RecordedUploads();
                ChunkUploader uploader = new ChunkUploader(store,
                        new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(100)), told);
                uploader.submit(0, chunk, System.nanoTime());
                uploader.finish();
                assertThat(uploader.awaitDone(Duration.ofSeconds(30))).isTrue();
                uploader.close();

                assertThat(told.retries).hasSize(2);
                assertThat(told.failures).containsExactly(
                        "Upload of chunk 0 failed after 3 attempts: the stream server's disk is full (503 SlowDown).");
                assertThat(puts.get()).as("1 direct PUT + 3 attempts").isEqualTo(4);
            }
        }
    }
}
