package io.stereospot.server.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stereospot.contract.SessionIds;
import io.stereospot.contract.StreamSession;
import io.stereospot.server.StreamServer;
import io.stereospot.server.iam.SessionPolicy;
import io.stereospot.server.iam.RootCredentials;
import io.stereospot.server.testing.ApiClient;
import io.stereospot.server.testing.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/** The embedded STS, called with the real SDK {@code StsClient}: who may mint what. */
class EmbeddedStsTest {

    @TempDir
    static Path dataDir;
    static StreamServer server;
    static RootCredentials root;

    @BeforeAll
    static void start() {
        server = TestServers.embedded(dataDir);
        root = RootCredentials.loadOrCreate(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static StsClient sts(AwsCredentials credentials) {
        return StsClient.builder().region(Region.US_EAST_1).endpointOverride(server.stsEndpoint())
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    static Consumer<AssumeRoleRequest.Builder> request(String policy) {
        return r -> r.roleArn(EmbeddedSts.LOCAL_ROLE_ARN).roleSessionName("test-session").policy(policy)
                .durationSeconds(900);
    }

    @Test
    void theRootKeyGetsScopedCredentialsPersistedOwnerOnly() throws Exception {
        String id = SessionIds.newId();
        try (StsClient sts = sts(AwsBasicCredentials.create(root.accessKeyId(), root.secretAccessKey()))) {
            Instant before = Instant.now();
            Credentials c = sts.assumeRole(request(SessionPolicy.putObjectOnly("stereospot", id))).credentials();

            assertThat(c.accessKeyId()).startsWith("SSTEMP").hasSize(20);
            assertThat(c.secretAccessKey()).hasSizeGreaterThanOrEqualTo(40);
            assertThat(c.sessionToken()).hasSizeGreaterThanOrEqualTo(64);
            assertThat(Duration.between(before, c.expiration())).isBetween(Duration.ofSeconds(895),
                    Duration.ofSeconds(905));
            Path file = dataDir.resolve("sts-credentials").resolve(c.accessKeyId() + ".properties");
            assertThat(file).exists().content().contains("key_prefix=stream_input/" + id + "/");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }

    @Test
    void theRootCredentialsFileIsOwnerOnly() throws Exception {
        Path file = dataDir.resolve("root-credentials.properties");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(file).content().contains(root.accessKeyId());
    }

    @Test
    void aWrongSecretIsSignatureDoesNotMatch() {
        try (StsClient sts = sts(AwsBasicCredentials.create(root.accessKeyId(), root.secretAccessKey() + "x"))) {
            assertStsError(() -> sts.assumeRole(request(SessionPolicy.putObjectOnly("stereospot", SessionIds.newId()))),
                    403, "SignatureDoesNotMatch");
        }
    }

    @Test
    void anUnknownKeyIsInvalidClientTokenId() {
        try (StsClient sts = sts(AwsBasicCredentials.create("SSROOTUNKNOWN0000000", "secret"))) {
            assertStsError(() -> sts.assumeRole(request(SessionPolicy.putObjectOnly("stereospot", SessionIds.newId()))),
                    403, "InvalidClientTokenId");
        }
    }

    @Test
    void sessionCredentialsCannotMintMore() {
        StreamSession session = new ApiClient(server.baseUrl()).createSession();
        try (StsClient sts = sts(AwsSessionCredentials.create(session.upload().accessKeyId(),
                session.upload().secretAccessKey(), session.upload().sessionToken()))) {
            assertStsError(() -> sts.assumeRole(request(SessionPolicy.putObjectOnly("stereospot", SessionIds.newId()))),
                    403, "InvalidClientTokenId");
        }
    }

    @Test
    void anotherRoleIsAccessDenied() {
        try (StsClient sts = sts(AwsBasicCredentials.create(root.accessKeyId(), root.secretAccessKey()))) {
            assertStsError(() -> sts.assumeRole(r -> r.roleArn("arn:aws:iam::000000000000:role/admin")
                    .roleSessionName("x1").policy(SessionPolicy.putObjectOnly("stereospot", SessionIds.newId()))),
                    403, "AccessDenied");
        }
    }

    @Test
    void longerThanAnHourIsRefused() {
        try (StsClient sts = sts(AwsBasicCredentials.create(root.accessKeyId(), root.secretAccessKey()))) {
            assertStsError(() -> sts.assumeRole(r -> r.roleArn(EmbeddedSts.LOCAL_ROLE_ARN).roleSessionName("x1")
                    .policy(SessionPolicy.putObjectOnly("stereospot", SessionIds.newId())).durationSeconds(7200)),
                    400, "ValidationError");
        }
    }

    static Stream<String> policiesBeyondTheRole() {
        String id = SessionIds.newId();
        String resource = "arn:aws:s3:::stereospot/stream_input/" + id + "/*";
        return Stream.of(
                "",
                "not json",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\""
                        + resource + "\"}]}",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                        + "\"Resource\":\"" + resource + "\"}]}",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:PutObject\","
                        + "\"s3:GetObject\"],\"Resource\":\"" + resource + "\"}]}",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\","
                        + "\"Resource\":\"arn:aws:s3:::stereospot/stream_input/*\"}]}",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\","
                        + "\"Resource\":\"arn:aws:s3:::stereospot/*\"}]}",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\","
                        + "\"Resource\":\"arn:aws:s3:::other-bucket/stream_input/" + id + "/*\"}]}",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\","
                        + "\"Resource\":\"arn:aws:s3:::stereospot/stream_input/../stream_sessions/*\"}]}",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\","
                        + "\"Resource\":\"" + resource + "\"},{\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\","
                        + "\"Resource\":\"arn:aws:s3:::stereospot/*\"}]}",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":\"s3:GetObject\","
                        + "\"Action\":\"s3:PutObject\",\"Resource\":\"" + resource + "\"}]}",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:PutObject\","
                        + "\"Resource\":\"" + resource + "\"}]}");
    }

    @ParameterizedTest
    @MethodSource("policiesBeyondTheRole")
    void policiesOtherThanTheServersAreMalformed(String policy) {
        try (StsClient sts = sts(AwsBasicCredentials.create(root.accessKeyId(), root.secretAccessKey()))) {
            assertStsError(() -> sts.assumeRole(r -> r.roleArn(EmbeddedSts.LOCAL_ROLE_ARN).roleSessionName("x1")
                    .policy(policy.isEmpty() ? null : policy)), 400, "MalformedPolicyDocument");
        }
    }

    @Test
    void unsignedAndNonPostRequestsAreRefusedInXml() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(server.stsEndpoint())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=AssumeRole&Version=2011-06-15")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(server.stsEndpoint()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(URI.create(server.stsEndpoint() + "/sts"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(unsigned.body()).contains("<Code>MissingAuthenticationToken</Code>");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(elsewhere.statusCode()).isEqualTo(404);
    }

    private static void assertStsError(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        });
    }
}
