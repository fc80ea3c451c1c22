package io.stereospot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.contract.StreamSession;
import io.stereospot.server.StreamServer;
import io.stereospot.server.testing.ApiClient;
import io.stereospot.server.testing.TestServers;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code GET /watch/{id}} and its assets, over HTTP: a page for a live or ended session, a sentence page for a browser
 * and the JSON error for any other client when the id is malformed (400) or unknown (404), and the CSP and cache
 * headers. WatchPageTest plays the page in a browser.
 */
class WatchRoutesTest {

    private static final String UNKNOWN = "0b6f7c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e";
    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

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
        ended = api.endedSession();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> pages() {
        return Stream.of(
                Arguments.of("live, browser", "/watch/" + live.sessionId(), BROWSER_ACCEPT, 200, "text/html",
                        "/watch/assets/" + WatchRoutes.HLSJS_FILE),
                Arguments.of("ended, any client", "/watch/" + ended.sessionId(), "*/*", 200, "text/html",
                        "data-mode=\"anaglyph\""),
                Arguments.of("unknown, browser", "/watch/" + UNKNOWN, BROWSER_ACCEPT, 404, "text/html",
                        "There is no stream session with this id"),
                Arguments.of("unknown, program", "/watch/" + UNKNOWN, "application/json", 404, "application/json",
                        "{\"error\":\"There is no stream session with this id"),
                Arguments.of("malformed, browser", "/watch/NOT-A-UUID", BROWSER_ACCEPT, 400, "text/html",
                        ApiException.INVALID_SESSION_ID),
                Arguments.of("malformed, no Accept", "/watch/NOT-A-UUID", null, 400, "application/json",
                        "{\"error\":\"" + ApiException.INVALID_SESSION_ID),
                Arguments.of("no such asset", "/watch/assets/hls.js", BROWSER_ACCEPT, 404, "application/json",
                        "{\"error\":"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void answersEachCase(String name, String path, String accept, int status, String type, String body)
            throws Exception {
        HttpResponse<String> response = get(path, accept);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith(type);
        assertThat(response.body()).contains(body);
        if (type.equals("text/html")) {
            assertThat(response.headers().firstValue("Content-Security-Policy").orElse(""))
                    .isEqualTo(WatchRoutes.CONTENT_SECURITY_POLICY);
        }
    }

    @Test
    void hlsJsIsServedFromTheWebJarForAYear() throws Exception {
        HttpResponse<String> response = get("/watch/assets/" + WatchRoutes.HLSJS_FILE, "*/*");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
        assertThat(response.body()).contains("Hls").hasSizeGreaterThan(100_000);
        assertThat(get("/watch/assets/watch.js", "*/*").body()).contains("playlist.m3u8");
    }

    private static HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.baseUrl().resolve(path));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
