package io.stereospot.capture.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.stereospot.contract.ContractFixtures;
import io.stereospot.contract.RenewalGrant;
import io.stereospot.contract.SessionIds;
import io.stereospot.contract.SessionStatus;
import io.stereospot.contract.StreamSession;
import io.stereospot.contract.UploadGrant;
import io.stereospot.server.ServerConfig;
import io.stereospot.server.StreamServer;
import io.stereospot.server.access.AccessSettings;
import io.stereospot.server.access.ApiKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionClientTest {

    @Test
    void createsAndEndsASessionOnTheRealServer(@TempDir Path dir) {
        try (StreamServer server = StreamServer.start(ServerConfig.builder().port(0).dataDir(dir).build())) {
            SessionClient client = new SessionClient(server.baseUrl());
            StreamSession session = client.create("sbs");
            assertThat(SessionIds.isValid(session.sessionId())).isTrue();
            assertThat(session.playlistUrl()).isEqualTo(server.publicUrl() + "/stream/" + session.sessionId()
                    + "/playlist.m3u8");
            assertThat(session.upload().keyPrefix()).isEqualTo("stream_input/" + session.sessionId() + "/");
            assertThat(session.upload().endpoint()).isEqualTo(server.s3Endpoint().toString());
            client.end(session.sessionId(), session.renewal());
            client.end(session.sessionId(), session.renewal()); // idempotent
        }
    }

    @Test
    void renewsOnTheRealServerAndAWrongSecretIsASentence(@TempDir Path dir) {
        try (StreamServer server = StreamServer.start(ServerConfig.builder().port(0).dataDir(dir).build())) {
            SessionClient client = new SessionClient(server.baseUrl());
            StreamSession session = client.create("sbs");

            UploadGrant renewed = client.renew(session.sessionId(), session.renewal());

            assertThat(renewed.keyPrefix()).isEqualTo(session.upload().keyPrefix());
            assertThat(renewed.accessKeyId()).isNotEqualTo(session.upload().accessKeyId());
            assertThatThrownBy(() -> client.renew(session.sessionId(),
                    new RenewalGrant(session.sessionId() + ".wrong", session.renewal().url())))
                    .hasMessage("The stream server refused to renew the upload credentials (HTTP 403: The renewal"
                            + " secret is wrong for this stream session).")
                    .satisfies(e -> assertThat(((SessionApiException) e).status()).hasValue(403));
            client.end(session.sessionId(), session.renewal());
            assertThatThrownBy(() -> client.renew(session.sessionId(), session.renewal()))
                    .satisfies(e -> assertThat(((SessionApiException) e).status()).hasValue(410));
        }
    }

    @Test
    void readsTheStatusOfASessionFromTheRealServer(@TempDir Path dir) {
        try (StreamServer server = StreamServer.start(ServerConfig.builder().port(0).dataDir(dir).build())) {
            SessionClient client = new SessionClient(server.baseUrl());
            StreamSession session = client.create("sbs");
            SessionStatus live = client.status(session.sessionId());
            assertThat(live.sessionId()).isEqualTo(session.sessionId());
            assertThat(live.state()).isEqualTo(SessionStatus.LIVE);
            assertThat(live.chunksReceived()).isZero();
            assertThat(live.fallbackSegments()).isEmpty();
            client.end(session.sessionId(), session.renewal());
            assertThat(client.status(session.sessionId()).ended()).isTrue();
            assertThatThrownBy(() -> client.status(SessionIds.newId()))
                    .hasMessageStartingWith("The stream server refused to read the session's status (HTTP 404: ")
                    .satisfies(e -> assertThat(((SessionApiException) e).status()).hasValue(404));
        }
    }

    @Test
    void sendsItsApiKeyWhenItCreatesOnAServerThatWantsOne(@TempDir Path dir) {
        try (StreamServer server = StreamServer.start(ServerConfig.builder().port(0).dataDir(dir)
                .access(AccessSettings.defaults().withApiKeys(ApiKeys.of(List.of("studio-key-41f2"))))
                .build())) {
            assertThatThrownBy(() -> new SessionClient(server.baseUrl()).create("sbs"))
                    .hasMessageStartingWith("The stream server refused to create a session (HTTP 401: Creating a"
                            + " stream session on this server needs an API key")
                    .satisfies(e -> assertThat(((SessionApiException) e).status()).hasValue(401));
            assertThatThrownBy(() -> new SessionClient(server.baseUrl()).withApiKey("guessed").create("sbs"))
                    .satisfies(e -> assertThat(((SessionApiException) e).status()).hasValue(403));
            SessionClient keyed = new SessionClient(server.baseUrl()).withApiKey("studio-key-41f2");
            StreamSession session = keyed.create("sbs");
            keyed.end(session.sessionId(), session.renewal());
        }
    }

    @Test
    void refusalsFromTheRealServerBecomeSentences(@TempDir Path dir) {
        try (StreamServer server = StreamServer.start(ServerConfig.builder().port(0).dataDir(dir).build())) {
            SessionClient client = new SessionClient(server.baseUrl());
            assertThatThrownBy(() -> client.create("anaglyph"))
                    .isInstanceOf(SessionApiException.class)
                    .hasMessageStartingWith("The stream server refused to create a session (HTTP 400: ")
                    .satisfies(e -> assertThat(((SessionApiException) e).status()).hasValue(400));
            assertThatThrownBy(() -> client.end(SessionIds.newId(), new RenewalGrant("some-secret", null)))
                    .hasMessageStartingWith("The stream server refused to end the session (HTTP 404: ");
        }
    }

    @Test
    void anUnreachableServerIsASentenceNotAStackTrace() throws IOException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        SessionClient client = new SessionClient(URI.create("http://127.0.0.1:" + freePort), Duration.ofSeconds(2));
        assertThatThrownBy(() -> client.create("sbs"))
                .isInstanceOf(SessionApiException.class)
                .hasMessage("Could not create a session: the stream server at http://127.0.0.1:" + freePort
                        + "/ cannot be reached (nothing is listening there).")
                .satisfies(e -> assertThat(((SessionApiException) e).isUnreachable()).isTrue());
    }

    @Test
    void readsTheContractFixtureAndSendsTheChosenMode() throws IOException {
        AtomicReference<String> requestBody = new AtomicReference<>();
        HttpServer stub = stub(201, ContractFixtures.read(ContractFixtures.STREAM_SESSION_RESPONSE), requestBody);
        try {
            StreamSession session = new SessionClient(uri(stub)).create("sbs");
            assertThat(requestBody.get()).isEqualTo("{\"mode\":\"sbs\"}");
            assertThat(session.sessionId()).isEqualTo("3f2b8c1e-5d4a-4b6f-9a7e-2c1d0e9f8a7b");
            assertThat(session.upload().sessionToken()).isEqualTo("example-token-not-real");
            assertThat(session.upload().expiresAt()).isEqualTo("2026-11-25T19:30:00Z");
        } finally {
            stub.stop(0);
        }
    }

    @Test
    void a5xxWithOrWithoutAnErrorBodyIsASentence() throws IOException {
        HttpServer json = stub(500, ContractFixtures.read(ContractFixtures.ERROR_RESPONSE), new AtomicReference<>());
        HttpServer html = stub(502, "<html>Bad Gateway</html>", new AtomicReference<>());
        try {
            assertThatThrownBy(() -> new SessionClient(uri(json)).create("sbs"))
                    .hasMessageStartingWith("The stream server refused to create a session (HTTP 500: ");
            assertThatThrownBy(() -> new SessionClient(uri(html)).create("sbs"))
                    .hasMessage("The stream server refused to create a session (HTTP 502).");
        } finally {
            json.stop(0);
            html.stop(0);
        }
    }

    /** A one-route HTTP server standing in for a server that answers in ways the real one does not choose to. */
    private static HttpServer stub(int status, String body, AtomicReference<String> requestBody) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/stream_sessions", exchange -> {
            requestBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return server;
    }

    private static URI uri(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }
}
