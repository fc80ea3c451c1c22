package io.stereospot.capture.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.contract.CreateSessionRequest;
import io.stereospot.contract.ErrorResponse;
import io.stereospot.contract.RenewalGrant;
import io.stereospot.contract.RenewedCredentials;
import io.stereospot.contract.SessionIds;
import io.stereospot.contract.SessionStatus;
import io.stereospot.contract.StreamSession;
import io.stereospot.contract.UploadGrant;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link SessionApi} over HTTP: java.net.http + Jackson, with the contract's records. */
public final class SessionClient implements SessionApi {

    private static final Logger LOG = LoggerFactory.getLogger(SessionClient.class);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final URI baseUrl;
    private final Duration timeout;
    private final HttpClient http;
    private final String apiKey;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public SessionClient(URI baseUrl) {
        this(baseUrl, DEFAULT_TIMEOUT);
    }

    public SessionClient(URI baseUrl, Duration timeout) {
        this(baseUrl, timeout, null);
    }

    /**
     * @param apiKey the key a server open to others wants on {@code POST /stream_sessions}, sent as
     *               {@code Authorization: Bearer}; null or blank = none
     */
    public SessionClient(URI baseUrl, Duration timeout, String apiKey) {
        String text = baseUrl.toString();
        this.baseUrl = URI.create(text.endsWith("/") ? text : text + "/");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    }

    /** A client of the same server that sends {@code apiKey} when it creates a session. */
    public SessionClient withApiKey(String apiKey) {
        return new SessionClient(baseUrl, timeout, apiKey);
    }

    public URI baseUrl() {
        return baseUrl;
    }

    @Override
    public StreamSession create(String mode) {
        HttpResponse<String> response = post("stream_sessions", write(new CreateSessionRequest(mode)),
                "create a session", apiKey == null ? null : bearer(apiKey));
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw refused("create a session", response);
        }
        StreamSession session;
        try {
            session = json.readValue(response.body(), StreamSession.class);
        } catch (JsonProcessingException e) {
            throw new SessionApiException("The stream server at " + baseUrl
                    + " answered the session request with something that is not a session.", response.statusCode(), e);
        }
        if (!SessionIds.isValid(session.sessionId()) || session.playlistUrl() == null || session.upload() == null) {
            throw new SessionApiException("The stream server at " + baseUrl
                    + " answered the session request without a session id, playlist URL or upload credentials.",
                    response.statusCode(), null);
        }
        LOG.info("Session {} created; playlist {}; watch page {}", session.sessionId(), session.playlistUrl(),
                WatchUrl.forSession(session).map(WatchUrl::toString).orElse("none"));
        return session;
    }

    @Override
    public void end(String sessionId, RenewalGrant owner) {
        SessionIds.requireValid(sessionId);
        HttpResponse<String> response = post("stream_sessions/" + sessionId + "/end", "{}", "end the session",
                owner == null || owner.secret() == null ? null : bearer(owner.secret()));
        if (response.statusCode() / 100 != 2) {
            throw refused("end the session", response);
        }
        LOG.info("Session {} ended", sessionId);
    }

    /**
     * Posts to this client's own server ({@link RenewalGrant#path}), the address it already reaches, rather than to
     * the grant's URL; the secret travels in the Authorization header only.
     */
    @Override
    public UploadGrant renew(String sessionId, RenewalGrant renewal) {
        SessionIds.requireValid(sessionId);
        HttpResponse<String> response = post(RenewalGrant.path(sessionId), "{}", "renew the upload credentials",
                bearer(renewal.secret()));
        if (response.statusCode() != 200) {
            throw refused("renew the upload credentials", response);
        }
        RenewedCredentials renewed;
        try {
            renewed = json.readValue(response.body(), RenewedCredentials.class);
        } catch (JsonProcessingException e) {
            throw new SessionApiException("The stream server at " + baseUrl
                    + " answered the renewal with something that is not credentials.", response.statusCode(), e);
        }
        if (renewed.upload() == null || !sessionId.equals(renewed.sessionId())) {
            throw new SessionApiException("The stream server at " + baseUrl
                    + " answered the renewal without credentials for this session.", response.statusCode(), null);
        }
        LOG.info("Session {}: upload credentials renewed until {}", sessionId, renewed.upload().expiresAt());
        return renewed.upload();
    }

    @Override
    public SessionStatus status(String sessionId) {
        SessionIds.requireValid(sessionId);
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve("stream_sessions/" + sessionId))
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response = send(request, "read the session's status");
        if (response.statusCode() != 200) {
            throw refused("read the session's status", response);
        }
        try {
            return json.readValue(response.body(), SessionStatus.class);
        } catch (JsonProcessingException e) {
            throw new SessionApiException("The stream server at " + baseUrl
                    + " answered the status request with something that is not a session status.",
                    response.statusCode(), e);
        }
    }

    /** Secrets and keys travel in the Authorization header only, which nothing logs. */
    private static String bearer(String secret) {
        return RenewalGrant.AUTHORIZATION_SCHEME + " " + secret;
    }

    private HttpResponse<String> post(String path, String body, String what) {
        return post(path, body, what, null);
    }

    private HttpResponse<String> post(String path, String body, String what, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(baseUrl.resolve(path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return send(builder.build(), what);
    }

    private HttpResponse<String> send(HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw unreachable(what, "it did not accept a connection within " + timeout.toSeconds() + " s", e);
        } catch (HttpTimeoutException e) {
            throw unreachable(what, "it did not answer within " + timeout.toSeconds() + " s", e);
        } catch (ConnectException e) {
            throw unreachable(what, "nothing is listening there", e);
        } catch (IOException e) {
            throw unreachable(what, describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionApiException("Interrupted while trying to " + what + ".", 0, e);
        } catch (IllegalArgumentException e) {
            throw unreachable(what, "its address cannot be resolved", e);
        }
    }

    private SessionApiException unreachable(String what, String why, Throwable cause) {
        return new SessionApiException("Could not " + what + ": the stream server at " + baseUrl
                + " cannot be reached (" + why + ").", 0, cause);
    }

    private SessionApiException refused(String what, HttpResponse<String> response) {
        String detail = errorSentence(response.body());
        return new SessionApiException("The stream server refused to " + what + " (HTTP "
                + response.statusCode() + (detail == null ? "" : ": " + detail) + ").", response.statusCode(), null);
    }

    /** The server's own sentence from {@code {"error": …}}, or null when the body is not that shape. */
    private String errorSentence(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            ErrorResponse error = json.readValue(body, ErrorResponse.class);
            String text = error.error();
            if (text == null || text.isBlank()) {
                return null;
            }
            text = text.strip();
            return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String describe(IOException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
