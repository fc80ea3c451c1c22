package io.stereospot.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.testing.LogCapture;
import io.stereospot.server.testing.PlaybackHarness;
import io.stereospot.server.testing.TestChunks;
import io.stereospot.server.testing.TestServers;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LAN's HTTPS port: the real server bound to this machine's network address, with {@code https}, serves the watch
 * page, the playlist and its segments over TLS with the certificate it made and keeps in its data dir, while the
 * plain port goes on as before. The client trusts exactly that kept certificate and checks the host name against its
 * SANs, so a page or playlist answered here proves the certificate names the LAN address.
 */
class HttpsPortTest {

    @TempDir
    Path dir;

    @Test
    void theHttpsPortServesTheWatchPageAndPlaylistWithTheKeptCertificate() throws Exception {
        String lan = TestServers.lanAddress().orElse(null);
        assumeTrue(lan != null, "this machine has no network address other than loopback");
        Path data = dir.resolve("data");
        Path keyFile = data.resolve("https").resolve(HttpsCertificate.KEY_FILE);
        Path certFile = data.resolve("https").resolve(HttpsCertificate.CERT_FILE);
        List<Path> chunks = TestChunks.make(dir.resolve("chunks"), 2, 320, 180);

        X509Certificate first;
        try (LogCapture certificateLog = new LogCapture(HttpsCertificate.class);
                LogCapture apiLog = new LogCapture(HttpApi.class);
                PlaybackHarness harness = PlaybackHarness.start(TestServers.config(data).host(lan).https(true)
                .converter(ConverterSettings.copy()).build())) {
            URI origin = harness.server().watchOrigin().orElseThrow();
            assertThat(origin.getScheme()).isEqualTo("https");
            assertThat(origin.getHost()).isEqualTo(lan);
            assertThat(origin.getPort()).isNotEqualTo(harness.baseUrl().getPort());
            String id = harness.finishedSession(chunks, Duration.ofSeconds(90));
            assertThat(harness.session(id).watchOrigin()).as("the create answer's watch origin")
                    .isEqualTo(origin.toString());

            first = certificate(certFile);
            assertThat(first.getSubjectAlternativeNames()).extracting(name -> String.valueOf(name.get(1)))
                    .contains(lan, "127.0.0.1", "localhost");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                    .as("the key file is the owner's only").isEqualTo("rw-------");
            assertThat(Files.readString(keyFile)).startsWith("-----BEGIN PRIVATE KEY-----");
            String keyBody = Files.readString(keyFile).lines().filter(l -> !l.startsWith("-----")).findFirst()
                    .orElseThrow();
            assertThat(certificateLog.messages(ch.qos.logback.classic.Level.INFO)).as("the certificate was logged")
                    .anySatisfy(m -> assertThat(m).contains("made").contains(lan));
            assertThat(certificateLog.events()).as("the private key is never logged")
                    .noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains(keyBody));
            assertThat(apiLog.events()).noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains(keyBody));

            HttpClient client = trusting(first);
            HttpResponse<String> page = get(client, origin.resolve("/watch/" + id));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                    assertThat(t).startsWith("text/html"));
            assertThat(page.sslSession()).hasValueSatisfying(tls ->
                    assertThat(uncheckedPeer(tls)).as("the served certificate is the kept one").isEqualTo(first));

            URI playlistUrl = origin.resolve("/stream/" + id + "/playlist.m3u8");
            HttpResponse<String> playlist = get(client, playlistUrl);
            assertThat(playlist.statusCode()).isEqualTo(200);
            assertThat(playlist.body()).startsWith("#EXTM3U").contains("#EXT-X-ENDLIST");
            List<String> segments = PlaybackHarness.segmentUris(playlist.body());
            assertThat(segments).as("segments listed").isNotEmpty()
                    .allSatisfy(uri -> assertThat(uri).as("relative, so the page stays on its own origin")
                            .doesNotStartWith("http:"));
            assertThat(get(client, playlistUrl.resolve(segments.get(0))).statusCode()).isEqualTo(200);
            assertThat(harness.playlist(id)).as("the plain port's playlist, as before").isEqualTo(playlist.body());
        }
        long keyWritten = Files.getLastModifiedTime(keyFile).toMillis();

        try (PlaybackHarness again = PlaybackHarness.start(TestServers.config(data).host(lan).https(true).build())) {
            URI origin = again.server().watchOrigin().orElseThrow();
            HttpResponse<String> health = get(trusting(first), origin.resolve("/healthz"));
            assertThat(health.statusCode()).as("the second start serves the first start's certificate")
                    .isEqualTo(200);
            assertThat(certificate(certFile)).isEqualTo(first);
            assertThat(Files.getLastModifiedTime(keyFile).toMillis()).as("the key is not written again")
                    .isEqualTo(keyWritten);
        }
    }

    @Test
    void withoutHttpsThereIsNoWatchOriginAndNoCertificate() {
        try (PlaybackHarness harness = PlaybackHarness.start(TestServers.config(dir.resolve("data")).build())) {
            assertThat(harness.server().watchOrigin()).isEmpty();
            String id = harness.createSession();
            assertThat(harness.session(id).watchOrigin()).isNull();
        }
        assertThat(dir.resolve("data").resolve("https")).doesNotExist();
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
    }

    /** A client that trusts this one certificate and nothing else, with host names checked as usual. */
    private static HttpClient trusting(X509Certificate certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("watch", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static HttpResponse<String> get(HttpClient client, URI url) throws Exception {
        return client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static X509Certificate uncheckedPeer(javax.net.ssl.SSLSession tls) {
        try {
            return (X509Certificate) tls.getPeerCertificates()[0];
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            throw new AssertionError(e);
        }
    }
}
