package io.stereospot.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.contract.StreamSession;
import io.stereospot.server.StreamServer;
import io.stereospot.server.testing.ApiClient;
import io.stereospot.server.testing.TestServers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may create, and how many, on a real server, each limit at its edge: N allowed, N+1 refused with its status
 * and a JSON sentence.
 */
class CreateLimitTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY_A = "key-a-7f3c9e";
    private static final String KEY_B = "key-b-21d0aa";

    @TempDir
    Path dataDir;

    @Test
    void createsPerClientAddressAreLimitedPerMinute() throws Exception {
        try (StreamServer server = start(AccessSettings.defaults().withLimits(3, 100, 100, 1L << 30))) {
            ApiClient api = new ApiClient(server.baseUrl());
            for (int i = 0; i < 3; i++) {
                assertThat(create(api, null).statusCode()).as("create %d", i + 1).isEqualTo(201);
            }
            assertRefused(create(api, null), 429, "at most 3 a minute");
        }
    }

    @Test
    void aServerWithKeysWantsOneOfThem() throws Exception {
        try (StreamServer server = start(withKeys().withLimits(100, 100, 100, 1L << 30))) {
            ApiClient api = new ApiClient(server.baseUrl());
            assertRefused(create(api, null), 401, "needs an API key");
            assertRefused(create(api, "Bearer not-a-key"), 403, "does not accept that API key");
            assertRefused(create(api, "Basic " + KEY_A), 401, "needs an API key");
            assertThat(create(api, "Bearer " + KEY_A).statusCode()).isEqualTo(201);
            assertThat(create(api, "bearer  " + KEY_B + " ").statusCode()).isEqualTo(201);
        }
    }

    @Test
    void createsPerKeyAreLimitedPerMinuteWhateverTheAddress() throws Exception {
        try (StreamServer server = start(withKeys().withLimits(100, 2, 100, 1L << 30))) {
            ApiClient api = new ApiClient(server.baseUrl());
            assertThat(create(api, "Bearer " + KEY_A).statusCode()).isEqualTo(201);
            assertThat(create(api, "Bearer " + KEY_A).statusCode()).isEqualTo(201);
            assertRefused(create(api, "Bearer " + KEY_A), 429, "with this API key: at most 2 a minute");
            assertThat(create(api, "Bearer " + KEY_B).statusCode()).as("another key").isEqualTo(201);
        }
    }

    @Test
    void liveSessionsPerKeyAreCappedAndEndingOneMakesRoom() throws Exception {
        try (StreamServer server = start(withKeys().withLimits(100, 100, 2, 1L << 30))) {
            ApiClient api = new ApiClient(server.baseUrl());
            StreamSession first = JSON.readValue(create(api, "Bearer " + KEY_A).body(), StreamSession.class);
            assertThat(create(api, "Bearer " + KEY_A).statusCode()).isEqualTo(201);
            assertRefused(create(api, "Bearer " + KEY_A), 429, "already has 2 live stream sessions");
            assertThat(create(api, "Bearer " + KEY_B).statusCode()).as("another key").isEqualTo(201);

            assertThat(api.end(first).statusCode()).isEqualTo(200);
            assertThat(create(api, "Bearer " + KEY_A).statusCode()).as("after ending one").isEqualTo(201);
        }
    }

    private StreamServer start(AccessSettings access) {
        return StreamServer.start(TestServers.config(dataDir).access(access).build());
    }

    private static AccessSettings withKeys() {
        return AccessSettings.defaults().withApiKeys(ApiKeys.of(List.of(KEY_A, KEY_B)));
    }

    private static HttpResponse<String> create(ApiClient api, String authorization) {
        return api.send("POST", "/stream_sessions", "{\"mode\":\"sbs\"}", authorization);
    }

    private static void assertRefused(HttpResponse<String> response, int status, String says) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).get("error").asText()).contains(says);
    }
}
