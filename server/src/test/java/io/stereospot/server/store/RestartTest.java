package io.stereospot.server.store;
import io.stereospot.server.iam.RootCredentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.contract.StreamSession;
import io.stereospot.contract.UploadGrant;
import io.stereospot.server.ServerConfig;
import io.stereospot.server.StreamServer;
import io.stereospot.server.testing.ApiClient;
import io.stereospot.server.testing.SessionS3;
import io.stereospot.server.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** A restarted server keeps its root key and honours the credentials it handed out before. */
class RestartTest {

    @TempDir
    Path dataDir;

    @Test
    void liveCredentialsAndSessionsSurviveARestart() throws Exception {
        ServerConfig config = TestServers.config(dataDir).build();
        StreamSession session;
        String rootFile;
        try (StreamServer first = StreamServer.start(config)) {
            session = new ApiClient(first.baseUrl()).createSession();
            rootFile = Files.readString(dataDir.resolve(RootCredentials.FILE_NAME));
        }

        try (StreamServer second = StreamServer.start(config)) {
            assertThat(dataDir.resolve(RootCredentials.FILE_NAME)).hasContent(rootFile);
            UploadGrant old = session.upload();
            UploadGrant moved = new UploadGrant(old.accessKeyId(), old.secretAccessKey(), old.sessionToken(),
                    old.bucket(), old.region(), second.s3Endpoint().toString(), old.keyPrefix(), old.expiresAt());
            try (S3Client s3 = SessionS3.client(moved)) {
                s3.putObject(r -> r.bucket("stereospot").key(old.keyPrefix() + "chunk_00000.mp4"),
                        RequestBody.fromString("after restart"));
            }
            assertThat(TestServers.objectFile(second, old.keyPrefix() + "chunk_00000.mp4"))
                    .hasContent("after restart");
            assertThat(new ApiClient(second.baseUrl()).end(session).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void closeIsIdempotent() {
        StreamServer server = TestServers.embedded(dataDir);
        server.close();
        server.close();
    }
}
