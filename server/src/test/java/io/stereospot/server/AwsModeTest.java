package io.stereospot.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.contract.StreamSession;
import io.stereospot.server.config.AwsSettings;
import io.stereospot.server.iam.RootCredentials;
import io.stereospot.server.iam.EmbeddedSts;
import io.stereospot.server.testing.ApiClient;
import io.stereospot.server.testing.SessionS3;
import io.stereospot.server.testing.TestServers;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The AWS code path (configured role, region and endpoints; credentials from the SDK's default chain) run against
 * another server's embedded S3 + STS, the way it would run against MinIO: no AWS account needed, same calls.
 */
class AwsModeTest {

    @TempDir
    Path storeDir;
    @TempDir
    Path unusedDataDir;

    @Test
    void anAwsModeServerIssuesWorkingCredentialsFromTheConfiguredStsAndStore() {
        try (StreamServer store = TestServers.embedded(storeDir)) {
            RootCredentials root = RootCredentials.loadOrCreate(storeDir);
            System.setProperty("aws.accessKeyId", root.accessKeyId());
            System.setProperty("aws.secretAccessKey", root.secretAccessKey());
            try (StreamServer aws = StreamServer.start(TestServers.config(unusedDataDir)
                    .aws(new AwsSettings(EmbeddedSts.LOCAL_ROLE_ARN, "us-east-1", store.s3Endpoint(),
                            store.stsEndpoint())).build())) {
                assertThat(aws.localStore()).isEmpty();
                assertThat(aws.addObjectStoredListener((key, size) -> { })).isFalse();

                StreamSession session = new ApiClient(aws.baseUrl()).createSession();
                assertThat(session.upload().endpoint()).isEqualTo(store.s3Endpoint().toString());
                String key = session.upload().keyPrefix() + "chunk_00000.mp4";
                try (S3Client s3 = SessionS3.client(session.upload())) {
                    s3.putObject(r -> r.bucket("stereospot").key(key), RequestBody.fromString("via aws mode"));
                }
                assertThat(TestServers.objectFile(store, key)).hasContent("via aws mode");
                assertThat(TestServers.objectFile(store, "stream_sessions/" + session.sessionId() + ".json"))
                        .exists();
                assertThat(unusedDataDir).isEmptyDirectory();
            } finally {
                System.clearProperty("aws.accessKeyId");
                System.clearProperty("aws.secretAccessKey");
            }
        }
    }
}
