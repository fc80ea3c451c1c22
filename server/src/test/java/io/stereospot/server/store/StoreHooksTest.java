package io.stereospot.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stereospot.contract.StreamSession;
import io.stereospot.server.StreamServer;
import io.stereospot.server.testing.ApiClient;
import io.stereospot.media.testenv.Await;
import io.stereospot.server.testing.SessionS3;
import io.stereospot.server.testing.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The in-process hooks others build on: "object stored" events (converter) and injected faults (capture tests). */
class StoreHooksTest {

    @TempDir
    Path dataDir;

    @Test
    void listenersHearOfEachStoredChunkWithItsSize() {
        try (StreamServer server = TestServers.embedded(dataDir)) {
            Map<String, Long> stored = new ConcurrentHashMap<>();
            assertThat(server.addObjectStoredListener(stored::put)).isTrue();
            StreamSession session = new ApiClient(server.baseUrl()).createSession();
            String key = session.upload().keyPrefix() + "chunk_00000.mp4";
            try (S3Client s3 = SessionS3.client(session.upload())) {
                s3.putObject(r -> r.bucket("stereospot").key(key), RequestBody.fromBytes(new byte[12345]));
            }
            Await.until(() -> stored.containsKey(key), Duration.ofSeconds(1), "the stored event of " + key);
            assertThat(stored.get(key)).isEqualTo(12345L);
        }
    }

    @Test
    void faultsRefuseSessionPutsCleanlyAndNothingIsWritten() {
        AtomicInteger calls = new AtomicInteger();
        List<Long> sizes = new CopyOnWriteArrayList<>();
        StoreFaults firstAttemptSlowsDown = (key, size) -> {
            sizes.add(size);
            return calls.incrementAndGet() == 1 ? StoreFault.slowDown() : null;
        };
        try (StreamServer server = TestServers.withFaults(dataDir, firstAttemptSlowsDown)) {
            StreamSession session = new ApiClient(server.baseUrl()).createSession();
            String key = session.upload().keyPrefix() + "chunk_00000.mp4";
            Path file = TestServers.objectFile(server, key);
            try (S3Client s3 = SessionS3.client(session.upload())) {
                assertThatThrownBy(() -> s3.putObject(r -> r.bucket("stereospot").key(key),
                        RequestBody.fromBytes(new byte[4096])))
                        .isInstanceOfSatisfying(S3Exception.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(503);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SlowDown");
                        });
                assertThat(file).doesNotExist();

                s3.putObject(r -> r.bucket("stereospot").key(key), RequestBody.fromBytes(new byte[4096]));
            }
            assertThat(file).exists().hasSize(4096);
            assertThat(sizes).containsExactly(4096L, 4096L);
            assertThat(dataDir.resolve("tmp/uploads")).isEmptyDirectory();
        }
    }

    @Test
    void faultsLeaveTheServersOwnWritesAlone() {
        StoreFaults everythingFails = (key, size) -> StoreFault.internalError();
        try (StreamServer server = TestServers.withFaults(dataDir, everythingFails)) {
            StreamSession session = new ApiClient(server.baseUrl()).createSession();
            assertThat(server.sessions().find(session.sessionId())).isPresent();
        }
    }
}
