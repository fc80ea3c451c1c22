package io.stereospot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.contract.ObjectKeys;
import io.stereospot.contract.SessionIds;
import io.stereospot.contract.StreamSession;
import io.stereospot.server.testing.RawHttp;
import io.stereospot.server.testing.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * What the API's answers must look like: every 4xx JSON {@code {"error": "…"}} with one non-blank sentence and no
 * stack trace; every 201 of {@code POST /stream_sessions} the contract's StreamSession.
 */
final class ApiAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiAnswers() {
    }

    static void assertJsonError(RawHttp.Response response, String what) {
        assertThat(response.header("Content-Type"))
                .as("content type of %s, answered:%n%s%n%s", what, response.headers(), response.bodyText())
                .startsWith("application/json");
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON for " + what + ": " + response.bodyText(), e);
        }
        assertThat(json != null && json.isObject()).as("JSON object for %s: %s", what, response.bodyText()).isTrue();
        assertThat(json.size()).as("fields of %s", what).isEqualTo(1);
        assertThat(json.path("error").isTextual()).as("error text of %s", what).isTrue();
        assertThat(json.get("error").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** A 201's body as the contract's StreamSession, with the fields a client relies on present and consistent. */
    static StreamSession createdSession(RawHttp.Response response) {
        StreamSession session;
        try {
            session = JSON.readValue(response.body(), StreamSession.class);
        } catch (IOException e) {
            throw new UncheckedIOException("201 body is not a StreamSession: " + response.bodyText(), e);
        }
        assertThat(SessionIds.isValid(session.sessionId())).as("session id %s", session.sessionId()).isTrue();
        assertThat(session.upload().keyPrefix()).isEqualTo(ObjectKeys.inputPrefix(session.sessionId()));
        assertThat(session.playlistUrl()).endsWith("/stream/" + session.sessionId() + "/playlist.m3u8");
        assertThat(session.upload().accessKeyId()).isNotBlank();
        assertThat(session.upload().secretAccessKey()).isNotBlank();
        assertThat(session.upload().sessionToken()).isNotBlank();
        return session;
    }

    /** A 201 wrote the new session's record and its credentials file, and nothing else; nothing was removed. */
    static void assertOnlyTheSessionWasWritten(Set<String> before, Set<String> after, String sessionId, String what) {
        assertThat(Sandbox.minus(before, after)).as("entries removed by %s", what).isEmpty();
        assertThat(Sandbox.minus(after, before)).as("entries added by %s", what).hasSize(2)
                .contains("data/store/stereospot/stream_sessions/" + sessionId + ".json")
                .anySatisfy(f -> assertThat(f).matches("data/sts-credentials/[A-Z0-9]+\\.properties"));
    }
}
