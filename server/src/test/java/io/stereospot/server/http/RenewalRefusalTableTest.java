package io.stereospot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.contract.ObjectKeys;
import io.stereospot.contract.RenewedCredentials;
import io.stereospot.contract.SessionIds;
import io.stereospot.contract.StreamSession;
import io.stereospot.contract.UploadGrant;
import io.stereospot.server.StreamServer;
import io.stereospot.server.testing.ApiClient;
import io.stereospot.server.testing.SessionS3;
import io.stereospot.server.testing.TestServers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code POST /stream_sessions/{id}/credentials} against a real server: each refusal is its own 4xx with a JSON
 * sentence that names the case, never a 5xx and never credentials; the right secret of a live session gets new
 * credentials for the same session.
 */
class RenewalRefusalTableTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    static StreamServer server;
    static ApiClient api;
    static StreamSession live;
    static StreamSession other;
    static StreamSession ended;

    @BeforeAll
    static void start() {
        server = TestServers.embedded(dataDir);
        api = new ApiClient(server.baseUrl());
        live = api.createSession();
        other = api.createSession();
        ended = api.createSession();
        assertThat(api.end(ended).statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String bearer(StreamSession session) {
        return "Bearer " + session.renewal().secret();
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                refusal("wrong secret", s -> s.live.sessionId(),
                        s -> "Bearer " + s.live.sessionId() + ".not-the-secret", 403, "wrong"),
                refusal("a secret a character short", s -> s.live.sessionId(),
                        s -> bearer(s.live).substring(0, bearer(s.live).length() - 1), 403, "wrong"),
                refusal("another session's secret", s -> s.live.sessionId(), s -> bearer(s.other), 403,
                        "another stream session"),
                refusal("ended session", s -> s.ended.sessionId(), s -> bearer(s.ended), 410, "ended"),
                refusal("ended session, wrong secret", s -> s.ended.sessionId(), s -> bearer(s.live), 403,
                        "another stream session"),
                refusal("malformed id", s -> "abc", s -> bearer(s.live), 400, "session id in the URL is not valid"),
                refusal("traversal id", s -> "..%2F..%2Fetc", s -> bearer(s.live), 400,
                        "session id in the URL is not valid"),
                refusal("unknown id", s -> SessionIds.newId(), s -> bearer(s.live), 404, "Unknown"),
                refusal("missing secret", s -> s.live.sessionId(), s -> null, 401, "renewal secret"),
                refusal("empty bearer", s -> s.live.sessionId(), s -> "Bearer ", 401, "renewal secret"),
                refusal("basic auth instead", s -> s.live.sessionId(), s -> "Basic dXNlcjpwYXNz", 401,
                        "renewal secret"));
    }

    /** A row: the id and Authorization header are worked out once the sessions exist. */
    private static Arguments refusal(String name, Function<Sessions, String> id, Function<Sessions, String> header,
            int status, String says) {
        return Arguments.of(name, id, header, status, says);
    }

    /** The sessions of this class, for the rows. */
    record Sessions(StreamSession live, StreamSession other, StreamSession ended) {
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("refusals")
    void eachRefusalSaysWhichCaseItIs(String name, Function<Sessions, String> id, Function<Sessions, String> header,
            int status, String says) throws Exception {
        Sessions sessions = new Sessions(live, other, ended);

        HttpResponse<String> response = api.renew(id.apply(sessions), header.apply(sessions));

        assertThat(response.statusCode()).as(name).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                assertThat(t).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.size()).as("only an error in %s", response.body()).isEqualTo(1);
        assertThat(body.path("error").asText()).as(name).contains(says).doesNotContain("Exception");
        for (StreamSession s : new StreamSession[] {live, other, ended}) {
            assertThat(response.body()).doesNotContain(s.upload().secretAccessKey())
                    .doesNotContain(s.renewal().secret());
        }
        assertThat(response.body()).doesNotContain("access_key_id").doesNotContain("session_token");
    }

    @Test
    void theRightSecretGetsNewCredentialsForTheSameSession() throws Exception {
        HttpResponse<String> response = api.renew(live.sessionId(), bearer(live));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        RenewedCredentials renewed = JSON.readValue(response.body(), RenewedCredentials.class);
        UploadGrant first = live.upload();
        UploadGrant next = renewed.upload();
        assertThat(renewed.sessionId()).isEqualTo(live.sessionId());
        assertThat(next.keyPrefix()).isEqualTo(ObjectKeys.inputPrefix(live.sessionId()));
        assertThat(next.bucket()).isEqualTo(first.bucket());
        assertThat(next.endpoint()).isEqualTo(first.endpoint());
        assertThat(next.region()).isEqualTo(first.region());
        assertThat(next.accessKeyId()).isNotEqualTo(first.accessKeyId());
        assertThat(next.expiresAtInstant()).isAfterOrEqualTo(first.expiresAtInstant());
        try (S3Client renewedClient = SessionS3.client(next); S3Client firstClient = SessionS3.client(first)) {
            renewedClient.putObject(r -> r.bucket(next.bucket()).key(ObjectKeys.chunk(live.sessionId(), 0)),
                    RequestBody.fromString("chunk 0"));
            firstClient.putObject(r -> r.bucket(first.bucket()).key(ObjectKeys.chunk(live.sessionId(), 1)),
                    RequestBody.fromString("chunk 1, old credentials still valid"));
        }
        String record = new String(server.adminS3().getObjectAsBytes(r -> r.bucket(server.bucket())
                .key(ObjectKeys.sessionRecord(live.sessionId()))).asByteArray());
        assertThat(record).as("the record keeps a hash, never the secret")
                .contains("renewal_secret_sha256").doesNotContain(live.renewal().secret())
                .doesNotContain(live.renewal().secret().substring(live.sessionId().length() + 1))
                .contains("\"credentials_expire_at\":\"" + next.expiresAt());
    }
}
