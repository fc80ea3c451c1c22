package io.stereospot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.contract.ContractFixtures;
import io.stereospot.contract.SessionIds;
import io.stereospot.server.StreamServer;
import io.stereospot.server.testing.ApiClient;
import io.stereospot.server.testing.TestServers;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's answers have the shape of the contract's JSON fixtures (the same ones the client parses). */
class SessionApiContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    static StreamServer server;
    static ApiClient api;

    @BeforeAll
    static void start() {
        server = StreamServer.start(TestServers.config(dataDir)
                .publicUrl(URI.create("http://192.0.2.10:8470")).https(true).build());
        api = new ApiClient(server.baseUrl());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void createAnswers201WithTheFixtureShape() throws Exception {
        Instant before = Instant.now();
        HttpResponse<String> response = api.send("POST", "/stream_sessions", ContractFixtures.read(
                ContractFixtures.CREATE_SESSION_REQUEST));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                assertThat(t).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(shapeDifferences(JSON.readTree(ContractFixtures.read(ContractFixtures.STREAM_SESSION_RESPONSE)),
                body, "$")).isEmpty();

        String id = body.get("session_id").asText();
        JsonNode upload = body.get("upload");
        assertThat(SessionIds.isValid(id)).isTrue();
        assertThat(body.get("playlist_url").asText()).isEqualTo("http://192.0.2.10:8470/stream/" + id + "/playlist.m3u8");
        assertThat(body.get("watch_origin").asText()).as("the HTTPS port at the public URL's host")
                .isEqualTo("https://192.0.2.10:" + server.watchOrigin().orElseThrow().getPort());
        assertThat(upload.get("key_prefix").asText()).isEqualTo("stream_input/" + id + "/");
        assertThat(upload.get("bucket").asText()).isEqualTo("stereospot");
        assertThat(upload.get("region").asText()).isEqualTo("us-east-1");
        assertThat(upload.get("endpoint").asText()).isEqualTo(server.s3Endpoint().toString());
        Instant expiresAt = Instant.parse(upload.get("expires_at").asText());
        assertThat(upload.get("expires_at").asText()).endsWith("Z");
        assertThat(Duration.between(before, expiresAt)).isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
    }

    @Test
    void renewAnswers200WithTheFixtureShape() throws Exception {
        io.stereospot.contract.StreamSession session = api.createSession();

        HttpResponse<String> response = api.renew(session.sessionId(), "Bearer " + session.renewal().secret());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(shapeDifferences(JSON.readTree(ContractFixtures.read(
                ContractFixtures.RENEWED_CREDENTIALS_RESPONSE)), JSON.readTree(response.body()), "$")).isEmpty();
        assertThat(session.renewal().url()).isEqualTo("http://192.0.2.10:8470/stream_sessions/"
                + session.sessionId() + "/credentials");
    }

    @Test
    void anEmptyBodyMeansSbs() {
        HttpResponse<String> response = api.send("POST", "/stream_sessions", null);
        assertThat(response.statusCode()).isEqualTo(201);
        String id = readField(response.body(), "session_id");
        assertThat(server.sessions().find(id)).hasValueSatisfying(r -> assertThat(r.mode()).isEqualTo("sbs"));
    }

    @Test
    void twoSessionsGetDifferentIdsAndCredentials() throws Exception {
        JsonNode a = JSON.readTree(api.send("POST", "/stream_sessions", "{}").body());
        JsonNode b = JSON.readTree(api.send("POST", "/stream_sessions", "{}").body());
        assertThat(a.get("session_id")).isNotEqualTo(b.get("session_id"));
        for (String field : List.of("access_key_id", "secret_access_key", "session_token")) {
            assertThat(a.get("upload").get(field)).isNotEqualTo(b.get("upload").get(field));
        }
    }

    @Test
    void endAnswersTheFixtureAndIsIdempotent() throws Exception {
        io.stereospot.contract.StreamSession session = api.createSession();
        String id = session.sessionId();
        String owner = "Bearer " + session.renewal().secret();
        JsonNode fixture = JSON.readTree(ContractFixtures.read(ContractFixtures.END_SESSION_RESPONSE));

        HttpResponse<String> first = api.send("POST", "/stream_sessions/" + id + "/end", "{}", owner);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(first.body())).isEqualTo(fixture);
        Instant endedAt = server.sessions().find(id).orElseThrow().endedAt();
        assertThat(endedAt).isNotNull();

        HttpResponse<String> again = api.send("POST", "/stream_sessions/" + id + "/end", null, owner);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body())).isEqualTo(fixture);
        assertThat(server.sessions().find(id).orElseThrow().endedAt()).isEqualTo(endedAt);
    }

    @Test
    void errorsHaveTheFixtureShape() throws Exception {
        HttpResponse<String> response = api.send("POST", "/stream_sessions/" + SessionIds.newId() + "/end", null,
                "Bearer some-secret");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(shapeDifferences(JSON.readTree(ContractFixtures.read(ContractFixtures.ERROR_RESPONSE)),
                JSON.readTree(response.body()), "$")).isEmpty();
    }

    @Test
    void theSessionRecordLivesInTheBucket() throws Exception {
        io.stereospot.contract.StreamSession session = api.createSession();
        String id = session.sessionId();
        JsonNode record = JSON.readTree(server.adminS3().getObjectAsBytes(r -> r.bucket(server.bucket())
                .key("stream_sessions/" + id + ".json")).asUtf8String());
        assertThat(fieldNames(record)).containsExactlyInAnyOrder("id", "mode", "created_at", "ended_at",
                "renewal_secret_sha256", "credentials_expire_at");
        assertThat(record.get("renewal_secret_sha256").asText()).matches("[0-9a-f]{64}");
        assertThat(record.toString()).doesNotContain(session.renewal().secret());
        assertThat(record.get("credentials_expire_at").asText()).isEqualTo(session.upload().expiresAt());
        assertThat(record.get("id").asText()).isEqualTo(id);
        assertThat(record.get("mode").asText()).isEqualTo("sbs");
        assertThat(Instant.parse(record.get("created_at").asText())).isBeforeOrEqualTo(Instant.now());
        assertThat(record.get("ended_at").isNull()).isTrue();
        assertThat(TestServers.objectFile(server, "stream_sessions/" + id + ".json")).exists();

        api.end(session);
        JsonNode ended = JSON.readTree(server.adminS3().getObjectAsBytes(r -> r.bucket(server.bucket())
                .key("stream_sessions/" + id + ".json")).asUtf8String());
        assertThat(Instant.parse(ended.get("ended_at").asText())).isAfterOrEqualTo(
                Instant.parse(ended.get("created_at").asText()));
    }

    @Test
    void healthzAnswersOk() throws Exception {
        HttpResponse<String> response = api.send("GET", "/healthz", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("status").asText()).isEqualTo("ok");
    }

    /** Field names and JSON node types that differ between the fixture and the actual answer. */
    static List<String> shapeDifferences(JsonNode fixture, JsonNode actual, String path) {
        List<String> differences = new ArrayList<>();
        if (fixture.getNodeType() != actual.getNodeType()) {
            differences.add(path + ": fixture " + fixture.getNodeType() + ", server " + actual.getNodeType());
            return differences;
        }
        if (fixture.isObject()) {
            if (!fieldNames(fixture).equals(fieldNames(actual))) {
                differences.add(path + ": fixture fields " + fieldNames(fixture) + ", server " + fieldNames(actual));
            }
            for (String name : fieldNames(fixture)) {
                if (actual.has(name)) {
                    differences.addAll(shapeDifferences(fixture.get(name), actual.get(name), path + "." + name));
                }
            }
        }
        return differences;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        names.sort(null);
        return names;
    }

    private static String readField(String json, String field) {
        try {
            return JSON.readTree(json).get(field).asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
