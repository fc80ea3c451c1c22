package io.stereospot.capture.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.capture.session.SessionClient;
import io.stereospot.contract.StreamSession;
import io.stereospot.server.ServerConfig;
import io.stereospot.server.StreamServer;
import io.stereospot.server.access.AccessSettings;
import io.stereospot.server.convert.ConverterSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capture client against a session whose byte quota is used up on the real server: the chunks that fit are
 * acknowledged, the next one is refused at once (no retries: trying again cannot help) and told as the quota, with a
 * sentence that says why, so the broadcast stops cleanly rather than failing.
 */
class QuotaUploadTest {

    private static final int CHUNK_BYTES = 200_000;

    @TempDir
    Path dir;

    @Test
    void theChunkPastTheQuotaFailsOnceWithASentenceAboutTheQuota() throws Exception {
        AccessSettings access = AccessSettings.defaults().withLimits(100, 100, 100, 2L * CHUNK_BYTES);
        try (StreamServer server = StreamServer.start(ServerConfig.builder().port(0).dataDir(dir.resolve("data"))
                .converter(ConverterSettings.copy()).access(access).build())) {
            StreamSession session = new SessionClient(server.baseUrl()).create("sbs");
            RecordedUploads told = new RecordedUploads();
            try (S3ChunkStore store = new S3ChunkStore(session.sessionId(), session.upload())) {
                ChunkUploader uploader = new ChunkUploader(store,
                        new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(100)), told);
                for (int i = 0; i < 3; i++) { // the uploader deletes each chunk once it is stored
                    uploader.submit(i, Files.write(dir.resolve("chunk_" + i + ".mp4"), new byte[CHUNK_BYTES]),
                            System.nanoTime());
                }
                uploader.finish();
                assertThat(uploader.awaitDone(Duration.ofSeconds(60))).isTrue();
                uploader.close();
            }
            assertThat(told.uploaded).containsExactly(0, 1);
            assertThat(told.retries).isEmpty();
            assertThat(told.failures).as("not a failure: the server ended the session").isEmpty();
            assertThat(told.quotaUsedUp).singleElement().asString()
                    .startsWith("Upload of chunk 2 failed")
                    .contains("the stream server's upload quota for this session is used up (403 AccessDenied: The"
                            + " stream session's upload quota of 400000 bytes is used up, so the stream server"
                            + " ended the broadcast.)");
            assertThat(server.sessions().find(session.sessionId()).orElseThrow().ended()).isTrue();
        }
    }
}
