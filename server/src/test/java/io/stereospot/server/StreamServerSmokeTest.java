package io.stereospot.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.contract.StreamSession;
import io.stereospot.server.testing.ApiClient;
import io.stereospot.server.testing.SessionS3;
import io.stereospot.server.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

class StreamServerSmokeTest {

    @TempDir
    Path dataDir;

    @Test
    void createsSessionAndAcceptsAChunk() throws Exception {
        try (StreamServer server = TestServers.embedded(dataDir)) {
            StreamSession session = new ApiClient(server.baseUrl()).createSession();
            try (S3Client s3 = SessionS3.client(session.upload())) {
                s3.putObject(r -> r.bucket(session.upload().bucket()).key(session.upload().keyPrefix() + "chunk_00000.mp4"),
                        RequestBody.fromString("hello"));
            }
            assertThat(TestServers.objectFile(server, session.upload().keyPrefix() + "chunk_00000.mp4"))
                    .hasContent("hello");
        }
    }
}
