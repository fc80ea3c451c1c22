package io.stereospot.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stereospot.server.config.AwsSettings;
import io.stereospot.server.config.Storage;
import io.stereospot.server.datadir.DataDirs;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

    @Test
    void defaultsListenOnLoopbackWithThreeConsecutivePorts() {
        ServerConfig config = ServerConfig.builder().dataDir(Path.of("/tmp/x")).build();
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8470);
        assertThat(config.s3Port()).isEqualTo(8471);
        assertThat(config.stsPort()).isEqualTo(8472);
        assertThat(config.bucket()).isEqualTo("stereospot");
        assertThat(config.credentialLifetime()).isEqualTo(Duration.ofHours(1));
        assertThat(config.aws()).isEmpty();
        assertThat(config.publicUrl()).isEmpty();
        assertThat(config.storage()).isEqualTo(new Storage.Embedded(Path.of("/tmp/x")));
    }

    @Test
    void awsModeHasNoDataDir() {
        AwsSettings settings = new AwsSettings("arn:aws:iam::1:role/r", null, null, null);
        ServerConfig config = ServerConfig.builder().dataDir(Path.of("/tmp/x")).aws(settings).build();
        assertThat(config.storage()).isEqualTo(new Storage.Aws(settings));
        assertThat(config.toBuilder().build().storage()).isEqualTo(new Storage.Aws(settings));
        assertThat(ServerConfig.builder().build().storage()).isInstanceOf(Storage.Embedded.class);
    }

    @Test
    void portZeroMakesEveryPortEphemeral() {
        ServerConfig config = ServerConfig.builder().port(0).build();
        assertThat(config.s3Port()).isZero();
        assertThat(config.stsPort()).isZero();
        assertThat(config.httpsPort()).isZero();
    }

    @Test
    void httpsIsOffByDefaultAndTakesPortPlusFour() {
        assertThat(ServerConfig.defaults().https()).isFalse();
        ServerConfig https = ServerConfig.builder().https(true).build();
        assertThat(https.httpsPort()).isEqualTo(8474);
        assertThat(https.toBuilder().build().https()).as("kept by toBuilder").isTrue();
        assertThat(ServerConfig.builder().port(65533).https(true).build().httpsPort()).as("past 65535: any free port")
                .isZero();
    }

    @Test
    void theDataDirDefaultsToTheXdgPlace() {
        assertThat(DataDirs.defaultDataDir(Map.of("XDG_DATA_HOME", "/data"), "/home/u"))
                .isEqualTo(Path.of("/data/stereospot"));
        assertThat(DataDirs.defaultDataDir(Map.of(), "/home/u")).isEqualTo(Path.of("/home/u/.local/share/stereospot"));
        assertThat(DataDirs.defaultDataDir(Map.of("XDG_DATA_HOME", "relative"), "/home/u"))
                .isEqualTo(Path.of("/home/u/.local/share/stereospot"));
    }

    @Test
    void awsModeComesFromTheEnvironment() {
        ServerConfig config = ServerConfig.builder().awsFromEnvironment(Map.of(
                "STEREOSPOT_AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/stereospot-uploader",
                "STEREOSPOT_AWS_REGION", "eu-west-1",
                "STEREOSPOT_S3_ENDPOINT", "http://minio:9000",
                "STEREOSPOT_BUCKET", "my-stream-bucket")).build();
        AwsSettings aws = config.aws().orElseThrow();
        assertThat(aws.roleArn()).isEqualTo("arn:aws:iam::123456789012:role/stereospot-uploader");
        assertThat(aws.region()).isEqualTo("eu-west-1");
        assertThat(aws.s3Endpoint()).isEqualTo(URI.create("http://minio:9000"));
        assertThat(aws.stsEndpoint()).isNull();
        assertThat(config.bucket()).isEqualTo("my-stream-bucket");
        assertThat(ServerConfig.builder().awsFromEnvironment(Map.of()).build().aws()).isEmpty();
    }

    @Test
    void refusesWhatCannotWork() {
        assertThatThrownBy(() -> ServerConfig.builder().port(70000).build()).hasMessageContaining("port");
        assertThatThrownBy(() -> ServerConfig.builder().port(65535).build()).hasMessageContaining("next two");
        assertThatThrownBy(() -> ServerConfig.builder().bucket("Bad_Bucket").build()).hasMessageContaining("bucket");
        assertThatThrownBy(() -> ServerConfig.builder().credentialLifetime(Duration.ofHours(2)).build())
                .hasMessageContaining("lifetime");
        assertThatThrownBy(() -> ServerConfig.builder().credentialLifetime(Duration.ofMinutes(5))
                .aws(new AwsSettings("arn:aws:iam::1:role/r", null, null, null)).build())
                .hasMessageContaining("900 s");
        assertThatThrownBy(() -> ServerConfig.builder().publicUrl(URI.create("ftp://x")).build())
                .hasMessageContaining("http");
        assertThatThrownBy(() -> new AwsSettings("role", null, null, null)).hasMessageContaining("arn:");
    }

    @Test
    void theEmbeddedStoreAllowsShortLifetimesForTests() {
        assertThat(ServerConfig.builder().credentialLifetime(Duration.ofSeconds(2)).build().credentialLifetime())
                .isEqualTo(Duration.ofSeconds(2));
    }
}
