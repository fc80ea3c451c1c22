package io.stereospot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.server.StreamServer;
import io.stereospot.server.testing.ApiClient;
import io.stereospot.server.testing.TestServers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the object store is gone, the API says so (503, JSON) instead of failing with a 500 or hanging. */
class StoreOutageTest {

    @TempDir
    Path dataDir;

    @Test
    void aStoreThatDoesNotAnswerIs503() throws Exception {
        try (StreamServer server = TestServers.embedded(dataDir)) {
            server.localStore().orElseThrow().close();

            HttpResponse<String> response = new ApiClient(server.baseUrl()).send("POST", "/stream_sessions", null);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(new ObjectMapper().readTree(response.body()).get("error").asText())
                    .contains("unavailable");
        }
    }
}
