package io.stereospot.server.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/** The STS's SigV4 check agrees with the SDK's own signer, and with AWS's published example. */
class SigV4VerifierTest {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Instant NOW = Instant.parse("2026-11-25T18:00:00Z");
    private static final byte[] BODY = "Action=AssumeRole&Version=2011-06-15".getBytes(StandardCharsets.UTF_8);

    @Test
    void acceptsWhatTheSdkSigns() {
        SigV4Verifier.SignedRequest request = sdkSigned(BODY, NOW);
        assertThat(verify(request, SECRET, NOW)).isEqualTo(SigV4Verifier.Outcome.OK);
    }

    @Test
    void refusesAnotherSecret() {
        assertThat(verify(sdkSigned(BODY, NOW), SECRET + "x", NOW)).isEqualTo(SigV4Verifier.Outcome.WRONG_SIGNATURE);
    }

    @Test
    void refusesATamperedBody() {
        SigV4Verifier.SignedRequest signed = sdkSigned(BODY, NOW);
        SigV4Verifier.SignedRequest tampered = new SigV4Verifier.SignedRequest(signed.method(), signed.rawPath(),
                signed.rawQuery(), signed.header(), "Action=AssumeRole&Version=2011-06-16".getBytes(StandardCharsets.UTF_8));
        assertThat(verify(tampered, SECRET, NOW)).isEqualTo(SigV4Verifier.Outcome.WRONG_SIGNATURE);
    }

    @Test
    void refusesAStaleSignature() {
        assertThat(verify(sdkSigned(BODY, NOW), SECRET, NOW.plus(Duration.ofMinutes(16))))
                .isEqualTo(SigV4Verifier.Outcome.EXPIRED);
    }

    @Test
    void refusesASignatureForAnotherService() {
        SigV4Verifier.SignedRequest request = sdkSigned(BODY, NOW);
        SigV4Verifier.Claim claim = SigV4Verifier.parse(request.header().apply("authorization")).orElseThrow();
        assertThat(SigV4Verifier.verify(request, claim, SECRET, "s3", NOW)).isEqualTo(SigV4Verifier.Outcome.MALFORMED);
    }

    @Test
    void refusesGarbageAuthorization() {
        assertThat(SigV4Verifier.parse("Basic dXNlcjpwYXNz")).isEmpty();
        assertThat(SigV4Verifier.parse("AWS4-HMAC-SHA256 Credential=x")).isEmpty();
        assertThat(SigV4Verifier.parse(null)).isEmpty();
    }

    /** The "get-vanilla" case of AWS's Signature Version 4 test suite. */
    @Test
    void matchesAwsPublishedExample() {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("host", "example.amazonaws.com");
        headers.put("x-amz-date", "20150830T123600Z");
        headers.put("authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=host;x-amz-date, "
                + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
        SigV4Verifier.SignedRequest request = new SigV4Verifier.SignedRequest("GET", "/", null, headers::get,
                new byte[0]);
        SigV4Verifier.Claim claim = SigV4Verifier.parse(headers.get("authorization")).orElseThrow();
        assertThat(SigV4Verifier.verify(request, claim, SECRET, "service", Instant.parse("2015-08-30T12:36:00Z")))
                .isEqualTo(SigV4Verifier.Outcome.OK);
    }

    private static SigV4Verifier.Outcome verify(SigV4Verifier.SignedRequest request, String secret, Instant now) {
        SigV4Verifier.Claim claim = SigV4Verifier.parse(request.header().apply("authorization")).orElseThrow();
        return SigV4Verifier.verify(request, claim, secret, "sts", now);
    }

    private static SigV4Verifier.SignedRequest sdkSigned(byte[] body, Instant at) {
        SdkHttpRequest unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create("http://127.0.0.1:8472/"))
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsBasicCredentials.create("SSROOTEXAMPLE0000000", SECRET))
                .request(unsigned)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        signed.request().headers().forEach((name, values) -> headers.put(name, String.join(",", values)));
        headers.putIfAbsent("host", "127.0.0.1:8472");
        return new SigV4Verifier.SignedRequest("POST", "/", null, headers::get, body);
    }
}
