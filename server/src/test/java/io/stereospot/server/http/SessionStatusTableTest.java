package io.stereospot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.contract.SessionStatus;
import io.stereospot.contract.StreamSession;
import io.stereospot.server.StreamServer;
import io.stereospot.server.testing.ApiClient;
import io.stereospot.server.testing.TestServers;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /stream_sessions/{id}} for a live, an ended, an unknown and malformed ids, sent raw over a socket: the
 * right status and shape, and never a credential, key or server path in any answer.
 */
class SessionStatusTableTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNKNOWN = "0b6f7c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e";

    @TempDir
    static Path dataDir;
    static StreamServer server;
    static StreamSession live;
    static StreamSession ended;

    @BeforeAll
    static void start() {
        server = TestServers.embedded(dataDir);
        ApiClient api = new ApiClient(server.baseUrl());
        live = api.createSession();
        ended = api.createSession();
        assertThat(api.end(ended).statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("live session", "/stream_sessions/" + live.sessionId(), 200, SessionStatus.LIVE),
                Arguments.of("ended session", "/stream_sessions/" + ended.sessionId(), 200, SessionStatus.ENDED),
                Arguments.of("unknown id", "/stream_sessions/" + UNKNOWN, 404, null),
                Arguments.of("not a UUID", "/stream_sessions/abc", 400, null),
                Arguments.of("upper-case UUID", "/stream_sessions/" + live.sessionId().toUpperCase(), 400, null),
                Arguments.of("UUID v1", "/stream_sessions/6ba7b810-9dad-11d1-80b4-00c04fd430c8", 400, null),
                Arguments.of("UUID plus one", "/stream_sessions/" + live.sessionId() + "0", 400, null),
                Arguments.of("oversize id", "/stream_sessions/" + "a".repeat(4000), 400, null),
                Arguments.of("encoded traversal", "/stream_sessions/..%2F..%2Fetc%2Fpasswd", 400, null),
                Arguments.of("encoded dots", "/stream_sessions/%2e%2e", 400, null),
                Arguments.of("NUL in id", "/stream_sessions/%00", 400, null),
                Arguments.of("backslash id", "/stream_sessions/..%5C..%5Cx", 400, null));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("requests")
    void answersOnlyWhatAPlayerMayKnow(String name, String path, int expectedStatus, String expectedState)
            throws IOException {
        BadRequestTableTest.RawResponse response = BadRequestTableTest.RawResponse.send(server.baseUrl().getPort(),
                "GET", path, null);

        assertThat(response.status()).as(name).isEqualTo(expectedStatus);
        assertThat(response.header("content-type")).as(name).startsWith("application/json");
        JsonNode json = JSON.readTree(response.body());
        if (expectedState == null) {
            assertThat(json.size()).as(name).isEqualTo(1);
            assertThat(json.path("error").asText()).as(name).isNotBlank().doesNotContain("Exception");
        } else {
            SessionStatus status = JSON.treeToValue(json, SessionStatus.class);
            assertThat(status.state()).isEqualTo(expectedState);
            assertThat(status.chunksReceived()).isZero();
            assertThat(status.segmentsReady()).isZero();
            assertThat(status.fallbackSegments()).isEmpty();
            assertThat(status.lastConversionError()).isNull();
            assertThat(json.size()).as("exactly the contract's fields").isEqualTo(8);
        }
        assertThat(response.body()).as("%s: no secret, key or path", name).doesNotContain(secrets().toArray(String[]::new));
    }

    /** HEAD answers the status GET would; before, any HEAD here was a bare 200. */
    @ParameterizedTest(name = "HEAD {0} -> {2}")
    @MethodSource("requests")
    void headAnswersTheSameStatus(String name, String path, int expectedStatus, String expectedState)
            throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        server.baseUrl().resolve(path)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(name).isEqualTo(expectedStatus);
        assertThat(response.headers().firstValue("Content-Type")).as(name).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        assertThat(response.body()).as(name).isEmpty();
    }

    /** Everything no answer may hold: both sessions' credentials, the store's own key, the data dir's path. */
    private static List<String> secrets() throws IOException {
        List<String> secrets = new ArrayList<>();
        for (StreamSession session : List.of(live, ended)) {
            secrets.add(session.upload().accessKeyId());
            secrets.add(session.upload().secretAccessKey());
            secrets.add(session.upload().sessionToken());
            secrets.add(session.upload().keyPrefix());
        }
        for (String line : Files.readAllLines(dataDir.resolve("root-credentials.properties"))) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0 && eq < line.length() - 1) {
                secrets.add(line.substring(eq + 1).strip());
            }
        }
        secrets.add(dataDir.toString());
        secrets.add("stream_input");
        return secrets;
    }
}
