package io.stereospot.server.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.contract.StreamSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain java.net.http client for the session API, as a test sees it. */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    public ApiClient(URI base) {
        this.base = base;
    }

    public HttpResponse<String> send(String method, String path, String body) {
        return send(method, path, body, null);
    }

    /** {@code POST /stream_sessions/{id}/credentials} with {@code authorization} as that header (null: none). */
    public HttpResponse<String> renew(String sessionId, String authorization) {
        return send("POST", "/stream_sessions/" + sessionId + "/credentials", null, authorization);
    }

    /** {@code POST /stream_sessions/{id}/end} as its owner: with the session's secret. */
    public HttpResponse<String> end(StreamSession session) {
        return send("POST", "/stream_sessions/" + session.sessionId() + "/end", null,
                "Bearer " + session.renewal().secret());
    }

    /** @param authorization the Authorization header, or null for none */
    public HttpResponse<String> send(String method, String path, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public StreamSession createSession() {
        HttpResponse<String> response = send("POST", "/stream_sessions", "{\"mode\":\"sbs\"}");
        if (response.statusCode() != 201) {
            throw new AssertionError("create answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readValue(response.body(), StreamSession.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A session created and then ended through the API. */
    public StreamSession endedSession() {
        StreamSession session = createSession();
        HttpResponse<String> response = end(session);
        if (response.statusCode() != 200) {
            throw new AssertionError("end answered " + response.statusCode() + ": " + response.body());
        }
        return session;
    }
}
