package io.stereospot.server.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.contract.RenewedCredentials;
import io.stereospot.contract.StreamSession;
import io.stereospot.contract.UploadGrant;
import io.stereospot.server.ServerConfig;
import io.stereospot.server.StreamServer;
import io.stereospot.server.access.AccessSettings;
import io.stereospot.server.access.ApiKeys;
import io.stereospot.server.iam.RandomTokens;
import io.stereospot.server.iam.RootCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Runs a server through everything that handles a secret: creates, uploads, every kind of refusal, expiry, a
 * credential renewal and its refusals, a wrong root secret at STS, bad requests and a restart. The log tests (the server's LogHygieneTest, the app's
 * LogFileHygieneTest) then look for the secrets it returns in what was logged.
 */
public final class SecretsWorkout {

    /**
     * @param secrets          every secret access key, session token, renewal secret and root secret in play
     * @param refusedAccessKey the access key id of the refused uploads (the log should name it)
     * @param renewedSessionId the session whose credentials were renewed once and then refused renewal
     */
    public record Result(List<String> secrets, String refusedAccessKey, String renewedSessionId) {
    }

    private SecretsWorkout() {
    }

    public static Result run(Path dataDir) {
        MutableClock clock = new MutableClock();
        ServerConfig config = TestServers.config(dataDir).clock(clock).build();
        List<String> secrets = new ArrayList<>();
        StreamSession a;
        try (StreamServer server = StreamServer.start(config)) {
            ApiClient api = new ApiClient(server.baseUrl());
            a = api.createSession();
            StreamSession b = api.createSession();
            for (UploadGrant grant : List.of(a.upload(), b.upload())) {
                secrets.add(grant.secretAccessKey());
                secrets.add(grant.sessionToken());
            }
            RootCredentials root = RootCredentials.loadOrCreate(dataDir);
            secrets.add(root.secretAccessKey());
            for (StreamSession s : List.of(a, b)) {
                String secret = s.renewal().secret();
                secrets.add(secret);
                secrets.add(secret.substring(secret.indexOf('.') + 1));
            }
            HttpResponse<String> renewed = api.renew(a.sessionId(), "Bearer " + a.renewal().secret());
            if (renewed.statusCode() != 200) {
                throw new AssertionError("renewal answered " + renewed.statusCode() + ": " + renewed.body());
            }
            UploadGrant next = readRenewal(renewed.body()).upload();
            secrets.add(next.secretAccessKey());
            secrets.add(next.sessionToken());
            api.renew(a.sessionId(), "Bearer " + b.renewal().secret());
            api.renew(a.sessionId(), "Bearer " + a.renewal().secret() + "x");
            api.renew(a.sessionId(), null);

            String key = a.upload().keyPrefix() + "chunk_00000.mp4";
            try (S3Client asA = SessionS3.client(a.upload());
                    S3Client wrongSecret = SessionS3.client(a.upload(), b.upload().secretAccessKey(),
                            a.upload().sessionToken());
                    S3Client wrongToken = SessionS3.client(a.upload(), a.upload().secretAccessKey(),
                            b.upload().sessionToken())) {
                asA.putObject(r -> r.bucket("stereospot").key(key), RequestBody.fromString("chunk"));
                refused(() -> asA.putObject(r -> r.bucket("stereospot").key(b.upload().keyPrefix() + "chunk_00000.mp4"),
                        RequestBody.fromString("x")));
                refused(() -> asA.getObjectAsBytes(r -> r.bucket("stereospot").key(key)));
                refused(() -> wrongSecret.putObject(r -> r.bucket("stereospot").key(key), RequestBody.fromString("x")));
                refused(() -> wrongToken.putObject(r -> r.bucket("stereospot").key(key), RequestBody.fromString("x")));
                clock.advance(Duration.ofHours(2));
                refused(() -> asA.putObject(r -> r.bucket("stereospot").key(key), RequestBody.fromString("x")));
            }
            try (StsClient sts = StsClient.builder().region(Region.US_EAST_1).endpointOverride(server.stsEndpoint())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                            root.accessKeyId(), root.secretAccessKey() + "wrong")))
                    .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(s -> s.maxAttempts(1)))
                    .build()) {
                assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn("arn:aws:iam::000000000000:role/x")
                        .roleSessionName("xx"))).isInstanceOf(StsException.class);
            }
            api.send("POST", "/stream_sessions", "{\"mode\":\"3d\"}");
            api.send("POST", "/stream_sessions", "{");
            api.send("POST", "/stream_sessions/" + a.sessionId() + "/end", "{}"); // refused: no secret
            api.send("POST", "/stream_sessions/" + a.sessionId() + "/end", null, "Bearer " + a.sessionId() + ".forged");
            api.send("POST", "/stream_sessions/" + a.sessionId() + "/end", "{}", "Bearer " + a.renewal().secret());
            api.renew(a.sessionId(), "Bearer " + a.renewal().secret());
            api.send("POST", "/stream_sessions/nope/end", null);
        }
        // Restarted with API keys: creates without one, with a wrong one and with the right one.
        String apiKey = "studio-key-" + RandomTokens.secret(16);
        secrets.add(apiKey);
        try (StreamServer restarted = StreamServer.start(config.toBuilder()
                .access(AccessSettings.defaults().withApiKeys(ApiKeys.of(List.of(apiKey)))).build())) {
            ApiClient api = new ApiClient(restarted.baseUrl());
            api.end(a);
            api.send("POST", "/stream_sessions", "{}");
            api.send("POST", "/stream_sessions", "{}", "Bearer " + apiKey + "-guessed");
            HttpResponse<String> keyed = api.send("POST", "/stream_sessions", "{}", "Bearer " + apiKey);
            if (keyed.statusCode() != 201) {
                throw new AssertionError("a create with the key answered " + keyed.statusCode() + ": " + keyed.body());
            }
        }
        return new Result(List.copyOf(secrets), a.upload().accessKeyId(), a.sessionId());
    }

    private static RenewedCredentials readRenewal(String body) {
        try {
            return new ObjectMapper().readValue(body, RenewedCredentials.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void refused(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOf(S3Exception.class);
    }
}
