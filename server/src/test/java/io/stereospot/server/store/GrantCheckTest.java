package io.stereospot.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.server.iam.MintedCredential;
import io.stereospot.server.store.GrantCheck.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The grant rule, one row per case: expiry first, then the session token, then the bucket and key. */
class GrantCheckTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final String TOKEN = "the-token-minted-with-the-key";
    private static final String OWN = "stream_input/7f3c1a2b-0000-4000-8000-000000000001/";
    private static final String OTHER = "stream_input/7f3c1a2b-0000-4000-8000-000000000002/";
    private static final MintedCredential GRANT = new MintedCredential("ASIAEXAMPLEKEY000001", "secret", TOKEN,
            "stereospot", OWN, NOW.plus(Duration.ofHours(1)));

    static Stream<Arguments> rows() {
        Instant expiry = GRANT.expiresAt();
        return Stream.of(
                row("ok: the first chunk", NOW, TOKEN, "stereospot", OWN + "chunk_00000.mp4", null),
                row("ok: the last index", NOW, TOKEN, "stereospot", OWN + "chunk_99999.mp4", null),
                row("ok: a moment before expiry", expiry.minusMillis(1), TOKEN, "stereospot",
                        OWN + "chunk_00001.mp4", null),
                row("expired at expires_at", expiry, TOKEN, "stereospot", OWN + "chunk_00000.mp4", "ExpiredToken"),
                row("expired, wrong token too", expiry.plusSeconds(1), "forged", "stereospot",
                        OWN + "chunk_00000.mp4", "ExpiredToken"),
                row("expired, other session's prefix too", expiry.plusSeconds(1), TOKEN, "stereospot",
                        OTHER + "chunk_00000.mp4", "ExpiredToken"),
                row("no token", NOW, null, "stereospot", OWN + "chunk_00000.mp4", "InvalidAccessKeyId"),
                row("empty token", NOW, "", "stereospot", OWN + "chunk_00000.mp4", "InvalidAccessKeyId"),
                row("wrong token", NOW, "forged", "stereospot", OWN + "chunk_00000.mp4", "InvalidToken"),
                row("the token with one more character", NOW, TOKEN + "x", "stereospot", OWN + "chunk_00000.mp4",
                        "InvalidToken"),
                row("wrong token, other session's prefix too", NOW, "forged", "stereospot",
                        OTHER + "chunk_00000.mp4", "InvalidToken"),
                row("other session's prefix", NOW, TOKEN, "stereospot", OTHER + "chunk_00000.mp4", "AccessDenied"),
                row("other bucket", NOW, TOKEN, "other-bucket", OWN + "chunk_00000.mp4", "AccessDenied"),
                row("no key", NOW, TOKEN, "stereospot", null, "AccessDenied"),
                row("the prefix itself", NOW, TOKEN, "stereospot", OWN, "AccessDenied"),
                row("bad name: short index", NOW, TOKEN, "stereospot", OWN + "chunk_0.mp4", "AccessDenied"),
                row("bad name: other extension", NOW, TOKEN, "stereospot", OWN + "chunk_00000.ts", "AccessDenied"),
                row("bad name: a segment", NOW, TOKEN, "stereospot", OWN + "seg_00000.mp4", "AccessDenied"),
                row("bad name: a folder below", NOW, TOKEN, "stereospot", OWN + "x/chunk_00000.mp4", "AccessDenied"),
                row("bad name: dot-dot out of the prefix", NOW, TOKEN, "stereospot",
                        OWN + "../" + OTHER.substring("stream_input/".length()) + "chunk_00000.mp4", "AccessDenied"),
                row("bad name: encoded dots", NOW, TOKEN, "stereospot", OWN + "%2e%2e/chunk_00000.mp4",
                        "AccessDenied"),
                row("bad name: backslash", NOW, TOKEN, "stereospot", OWN + "..\\chunk_00000.mp4", "AccessDenied"),
                row("a session record", NOW, TOKEN, "stereospot", "stream_sessions/x.json", "AccessDenied"),
                row("the output prefix", NOW, TOKEN, "stereospot",
                        OWN.replace("stream_input", "stream_output") + "seg_00000.mp4", "AccessDenied"));
    }

    private static Arguments row(String name, Instant now, String token, String bucket, String key,
            String expectedCode) {
        return Arguments.of(name, now, token, bucket, key, expectedCode);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void aPutIsJudgedByExpiryThenTokenThenKey(String name, Instant now, String token, String bucket, String key,
            String expectedCode) {
        Optional<Refusal> refusal = GrantCheck.put(GRANT, token, now, bucket, key);
        assertThat(refusal.map(Refusal::errorCode)).as(name).isEqualTo(Optional.ofNullable(expectedCode));
        refusal.ifPresent(r -> assertThat(r.exception().awsErrorDetails().errorCode()).isEqualTo(expectedCode));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void anyOtherOperationIsJudgedByTheCredentialsAlone(String name, Instant now, String token, String bucket,
            String key, String expectedPutCode) {
        Optional<String> expected = "AccessDenied".equals(expectedPutCode) ? Optional.empty()
                : Optional.ofNullable(expectedPutCode);
        assertThat(GrantCheck.credentials(GRANT, token, now).map(Refusal::errorCode)).as(name).isEqualTo(expected);
    }
}
