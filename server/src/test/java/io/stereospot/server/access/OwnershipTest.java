package io.stereospot.server.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.contract.StreamSession;
import io.stereospot.contract.UploadGrant;
import io.stereospot.server.StreamServer;
import io.stereospot.server.testing.ApiClient;
import io.stereospot.server.testing.SessionS3;
import io.stereospot.server.testing.TestServers;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Only the broadcaster controls the broadcast, on a real server: a viewer holds the playlist URL (so the session id)
 * and nothing else; it can play, but not end, renew or upload. The owner, holding what create answered, can.
 */
class OwnershipTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLAYLIST = Pattern.compile(".*/stream/([0-9a-f-]{36})/playlist\\.m3u8");

    @TempDir
    static Path dataDir;
    static StreamServer server;
    static ApiClient api;

    @BeforeAll
    static void start() {
        server = TestServers.embedded(dataDir);
        api = new ApiClient(server.baseUrl());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aViewerWithThePlaylistUrlCanPlayButNotEndRenewOrUpload() throws Exception {
        StreamSession owned = api.createSession();
        String playlistUrl = owned.playlistUrl(); // all the viewer has
        String id = idIn(playlistUrl);

        assertThat(api.send("GET", URI.create(playlistUrl).getPath(), null).statusCode()).isEqualTo(200);
        assertRefused(api.send("POST", "/stream_sessions/" + id + "/end", "{}"), 401, "owner secret");
        assertRefused(api.send("POST", "/stream_sessions/" + id + "/end", null, "Bearer " + id + ".guessed"), 403,
                "only its owner can end it");
        assertRefused(api.renew(id, null), 401, "renewal secret");
        assertRefused(api.renew(id, "Bearer " + id + ".guessed"), 403, "wrong");
        StreamSession viewersOwn = api.createSession(); // a viewer may be a broadcaster elsewhere
        assertRefused(api.send("POST", "/stream_sessions/" + id + "/end", null,
                "Bearer " + viewersOwn.renewal().secret()), 403, "another stream session");
        assertThat(state(id)).isEqualTo("live");

        String chunk = owned.upload().keyPrefix() + "chunk_00000.mp4";
        try (S3Client anonymous = S3Client.builder().region(Region.of(owned.upload().region()))
                .endpointOverride(URI.create(owned.upload().endpoint())).forcePathStyle(true)
                .credentialsProvider(AnonymousCredentialsProvider.create()).build()) {
            assertPutRefused(anonymous, owned.upload(), chunk);
        }
        UploadGrant forged = new UploadGrant("ASIA" + id.replace("-", "").substring(0, 16).toUpperCase(),
                "forged-secret", "forged-token", owned.upload().bucket(), owned.upload().region(),
                owned.upload().endpoint(), owned.upload().keyPrefix(), owned.upload().expiresAt());
        try (S3Client guessing = SessionS3.client(forged)) {
            assertPutRefused(guessing, owned.upload(), chunk);
        }
        try (S3Client others = SessionS3.client(viewersOwn.upload())) {
            assertPutRefused(others, owned.upload(), chunk);
        }
        assertThat(TestServers.objectFile(server, chunk)).doesNotExist();

        // The owner can do all of it.
        try (S3Client owner = SessionS3.client(owned.upload())) {
            owner.putObject(r -> r.bucket(owned.upload().bucket()).key(chunk), RequestBody.fromString("chunk"));
        }
        assertThat(TestServers.objectFile(server, chunk)).hasContent("chunk");
        assertThat(api.renew(id, "Bearer " + owned.renewal().secret()).statusCode()).isEqualTo(200);
        assertThat(api.end(owned).statusCode()).isEqualTo(200);
        assertThat(state(id)).isEqualTo("ended");
        assertThat(api.end(owned).statusCode()).as("ending again").isEqualTo(200);
    }

    @Test
    void theV1SwitchLetsAClientWithoutASecretEndButStillRefusesAWrongOne(@TempDir Path otherDir) throws Exception {
        try (StreamServer v1 = StreamServer.start(TestServers.config(otherDir)
                .access(AccessSettings.defaults().withUnauthenticatedEnd(true)).build())) {
            ApiClient client = new ApiClient(v1.baseUrl());
            StreamSession session = client.createSession();
            String end = "/stream_sessions/" + session.sessionId() + "/end";
            assertRefused(client.send("POST", end, null, "Bearer " + session.sessionId() + ".guessed"), 403,
                    "only its owner can end it");
            assertThat(client.send("POST", end, null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void whatAViewerSeesHoldsNoCredentialSecretOrKey(@TempDir Path otherDir) throws Exception {
        String apiKey = "studio-key-5e1f0c7a93b2";
        try (StreamServer keyed = StreamServer.start(TestServers.config(otherDir)
                .access(AccessSettings.defaults().withApiKeys(ApiKeys.of(List.of(apiKey)))).build())) {
            ApiClient client = new ApiClient(keyed.baseUrl());
            HttpResponse<String> created = client.send("POST", "/stream_sessions", "{}", "Bearer " + apiKey);
            StreamSession session = JSON.readValue(created.body(), StreamSession.class);
            String id = session.sessionId();

            HttpResponse<String> status = client.send("GET", "/stream_sessions/" + id, null);
            assertThat(status.statusCode()).isEqualTo(200);
            List<String> fields = new ArrayList<>();
            JSON.readTree(status.body()).fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactlyInAnyOrder("session_id", "state", "chunks_received", "segments_ready",
                    "chunks_behind", "conversion_lag_seconds", "fallback_segments", "last_conversion_error");
            HttpResponse<String> playlist = client.send("GET", URI.create(session.playlistUrl()).getPath(), null);
            assertThat(playlist.statusCode()).isEqualTo(200);
            for (String secret : List.of(session.upload().accessKeyId(), session.upload().secretAccessKey(),
                    session.upload().sessionToken(), session.renewal().secret(), apiKey, ApiKeys.idOf(apiKey))) {
                assertThat(status.body()).doesNotContain(secret);
                assertThat(playlist.body()).doesNotContain(secret);
                assertThat(status.headers().map().toString()).doesNotContain(secret);
                assertThat(playlist.headers().map().toString()).doesNotContain(secret);
            }
        }
    }

    private static String idIn(String playlistUrl) {
        Matcher m = PLAYLIST.matcher(playlistUrl);
        assertThat(m.matches()).as(playlistUrl).isTrue();
        return m.group(1);
    }

    private static String state(String id) throws Exception {
        return JSON.readTree(api.send("GET", "/stream_sessions/" + id, null).body()).get("state").asText();
    }

    private static void assertRefused(HttpResponse<String> response, int status, String says) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).contains(says);
    }

    private static void assertPutRefused(S3Client s3, UploadGrant target, String key) {
        assertThatThrownBy(() -> s3.putObject(r -> r.bucket(target.bucket()).key(key), RequestBody.fromString("x")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    }
}
