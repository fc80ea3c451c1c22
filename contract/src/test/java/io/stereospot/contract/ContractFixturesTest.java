package io.stereospot.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContractFixturesTest {

    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void sessionResponseFixtureParsesIntoTheRecordsAndBack() throws Exception {
        String fixture = ContractFixtures.read(ContractFixtures.STREAM_SESSION_RESPONSE);
        StreamSession session = json.readValue(fixture, StreamSession.class);

        assertThat(session.sessionId()).isEqualTo("3f2b8c1e-5d4a-4b6f-9a7e-2c1d0e9f8a7b");
        assertThat(session.playlistUrl()).endsWith("/stream/" + session.sessionId() + "/playlist.m3u8");
        assertThat(session.upload().keyPrefix()).isEqualTo(ObjectKeys.inputPrefix(session.sessionId()));
        assertThat(session.upload().expiresAtInstant()).isEqualTo(Instant.parse("2026-11-25T19:30:00Z"));
        assertThat(json.readTree(json.writeValueAsString(session))).isEqualTo(json.readTree(fixture));
    }

    @Test
    void theSessionResponseCarriesItsRenewal() throws Exception {
        StreamSession session = json.readValue(ContractFixtures.read(ContractFixtures.STREAM_SESSION_RESPONSE),
                StreamSession.class);

        assertThat(session.renewal().secret()).isNotBlank();
        assertThat(session.renewal().url()).endsWith("/" + RenewalGrant.path(session.sessionId()));
        assertThat(session.renewal().toString()).doesNotContain(session.renewal().secret());
    }

    @Test
    void aSessionResponseWithoutRenewalStillParses() throws Exception {
        ObjectNode old = (ObjectNode) json.readTree(ContractFixtures.read(ContractFixtures.STREAM_SESSION_RESPONSE));
        old.remove("renewal");

        StreamSession session = json.treeToValue(old, StreamSession.class);

        assertThat(session.renewal()).isNull();
        assertThat(session.upload().keyPrefix()).isEqualTo(ObjectKeys.inputPrefix(session.sessionId()));
    }

    @Test
    void theWatchOriginIsOptionalAndLeftOutWhenAbsent() throws Exception {
        ObjectNode fixture = (ObjectNode) json.readTree(ContractFixtures.read(ContractFixtures.STREAM_SESSION_RESPONSE));
        StreamSession session = json.treeToValue(fixture, StreamSession.class);
        assertThat(session.watchOrigin()).isEqualTo("https://127.0.0.1:8474");
        assertThat(session.withUpload(session.upload()).watchOrigin()).isEqualTo(session.watchOrigin());

        fixture.remove("watch_origin");
        StreamSession older = json.treeToValue(fixture, StreamSession.class);

        assertThat(older.watchOrigin()).isNull();
        assertThat(json.readTree(json.writeValueAsString(older)).has("watch_origin")).as("absent, not null").isFalse();
    }

    @Test
    void renewedCredentialsKeepTheSessionsPrefixWithALaterExpiry() throws Exception {
        String fixture = ContractFixtures.read(ContractFixtures.RENEWED_CREDENTIALS_RESPONSE);
        RenewedCredentials renewed = json.readValue(fixture, RenewedCredentials.class);
        StreamSession first = json.readValue(ContractFixtures.read(ContractFixtures.STREAM_SESSION_RESPONSE),
                StreamSession.class);

        assertThat(renewed.sessionId()).isEqualTo(first.sessionId());
        assertThat(renewed.upload().keyPrefix()).isEqualTo(first.upload().keyPrefix());
        assertThat(renewed.upload().bucket()).isEqualTo(first.upload().bucket());
        assertThat(renewed.upload().expiresAtInstant()).isAfter(first.upload().expiresAtInstant());
        assertThat(first.withUpload(renewed.upload()).renewal()).isEqualTo(first.renewal());
        assertThat(json.readTree(json.writeValueAsString(renewed))).isEqualTo(json.readTree(fixture));
    }

    @Test
    void uploadGrantNeverPrintsItsSecrets() throws Exception {
        UploadGrant grant = json.readValue(ContractFixtures.read(ContractFixtures.STREAM_SESSION_RESPONSE),
                StreamSession.class).upload();

        assertThat(grant.toString()).doesNotContain(grant.secretAccessKey()).doesNotContain(grant.sessionToken())
                .contains(grant.accessKeyId());
    }

    @Test
    void smallBodiesParse() throws Exception {
        assertThat(json.readValue(ContractFixtures.read(ContractFixtures.CREATE_SESSION_REQUEST),
                CreateSessionRequest.class).modeOrDefault()).isEqualTo("sbs");
        assertThat(json.readValue("{}", CreateSessionRequest.class).modeOrDefault()).isEqualTo("sbs");
        assertThat(json.readValue(ContractFixtures.read(ContractFixtures.END_SESSION_RESPONSE),
                EndSessionResponse.class)).isEqualTo(EndSessionResponse.ended());
        JsonNode error = json.readTree(ContractFixtures.read(ContractFixtures.ERROR_RESPONSE));
        assertThat(json.treeToValue(error, ErrorResponse.class).error()).isNotBlank();
    }

    @Test
    void sessionStatusFixtureParsesIntoTheRecordAndBack() throws Exception {
        String fixture = ContractFixtures.read(ContractFixtures.SESSION_STATUS_RESPONSE);
        SessionStatus status = json.readValue(fixture, SessionStatus.class);

        assertThat(status.state()).isEqualTo(SessionStatus.LIVE);
        assertThat(status.ended()).isFalse();
        assertThat(status.fallbackSegments()).containsExactly(12);
        assertThat(status.chunksBehind()).isEqualTo(status.chunksReceived() - status.segmentsReady());
        assertThat(json.readTree(json.writeValueAsString(status))).isEqualTo(json.readTree(fixture));
        SessionStatus healthy = new SessionStatus(status.sessionId(), SessionStatus.ENDED, 3, 3, 0, 0, null, null);
        assertThat(json.readTree(json.writeValueAsString(healthy)).get("last_conversion_error").isNull())
                .as("null is written, not left out").isTrue();
        assertThat(healthy.fallbackSegments()).isEmpty();
    }
}
