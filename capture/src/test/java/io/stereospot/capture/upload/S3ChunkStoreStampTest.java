package io.stereospot.capture.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.capture.session.SessionClient;
import io.stereospot.contract.ObjectKeys;
import io.stereospot.contract.StreamSession;
import io.stereospot.server.ServerConfig;
import io.stereospot.server.StreamServer;
import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.store.Bucket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each chunk PUT carries when its first frame was captured (the playlist's EXT-X-PROGRAM-DATE-TIME comes from it),
 * through the real AWS SDK into the real server's store, session credentials and grant check included.
 */
class S3ChunkStoreStampTest {

    @Test
    void chunksAreStampedWithTheirCaptureTimeOnceTheCaptureHasStarted(@TempDir Path dir) throws Exception {
        try (StreamServer server = StreamServer.start(ServerConfig.builder().port(0).dataDir(dir.resolve("data"))
                .converter(ConverterSettings.copy()).build())) {
            StreamSession session = new SessionClient(server.baseUrl()).create("sbs");
            Path chunk = Files.write(dir.resolve("chunk.mp4"), new byte[1_000]);
            Bucket bucket = new Bucket(server.adminS3(), server.bucket());
            try (S3ChunkStore store = new S3ChunkStore(session.sessionId(), session.upload())) {
                store.put(0, chunk);
                assertThat(bucket.info(ObjectKeys.chunk(session.sessionId(), 0)).orElseThrow().metadata())
                        .as("before the capture started").doesNotContainKey(ObjectKeys.CAPTURED_AT_METADATA);

                store.capturedFrom(Instant.ofEpochMilli(1_796_025_600_250L), 5_000);
                store.put(3, chunk);
                assertThat(bucket.info(ObjectKeys.chunk(session.sessionId(), 3)).orElseThrow().metadata())
                        .containsEntry(ObjectKeys.CAPTURED_AT_METADATA, "1796025615250");
            }
        }
    }
}
