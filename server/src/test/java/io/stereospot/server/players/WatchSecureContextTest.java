package io.stereospot.server.players;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stereospot.server.testing.PlaybackHarness;
import io.stereospot.server.testing.TestServers;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why the LAN needs the HTTPS port: headless Chromium, with iwer emulating a Quest 3 on both loads, opens a session's
 * watch page at this machine's network address over the server's HTTPS port (the self-signed certificate accepted,
 * as a person does once) and over plain http. Only the https page is a secure context, and only there is the VR
 * button enabled. The browser's part is src/test/hlsjs/watch-secure.mjs. Not run here: a real headset's browser
 * after its certificate warning was accepted.
 */
class WatchSecureContextTest {

    @TempDir
    Path dir;

    @Test
    void vrIsOfferedOverTheHttpsPortAndNotOverPlainHttpAtTheLanAddress() throws Exception {
        String lan = TestServers.lanAddress().orElse(null);
        assumeTrue(lan != null, "this machine has no network address other than loopback");
        try (PlaybackHarness harness = PlaybackHarness.start(TestServers.config(dir.resolve("data")).host(lan)
                .https(true).build())) {
            String id = harness.createSession();
            URI https = harness.server().watchOrigin().orElseThrow().resolve("/watch/" + id);
            URI http = harness.baseUrl().resolve("/watch/" + id);
            assertThat(http.getHost()).isEqualTo(lan);

            JsonNode result = runBrowser(https, http);

            assertThat(result.path("failure").asText()).as("the browser script's failure").isEmpty();
            assertThat(result.path("pageErrors")).as("uncaught errors in the page").isEmpty();
            JsonNode secure = result.path("https");
            assertThat(secure.path("status").asInt()).isEqualTo(200);
            assertThat(secure.path("protocol").asText()).isEqualTo("https:");
            assertThat(secure.path("secure").asBoolean()).as("isSecureContext over https").isTrue();
            assertThat(secure.path("xr").asBoolean()).as("navigator.xr over https").isTrue();
            assertThat(secure.path("vrEnabled").asBoolean()).as("the VR button over https").isTrue();
            JsonNode plain = result.path("http");
            assertThat(plain.path("status").asInt()).isEqualTo(200);
            assertThat(plain.path("secure").asBoolean()).as("isSecureContext over http at " + lan).isFalse();
            assertThat(plain.path("vrEnabled").asBoolean()).as("the VR button over http at " + lan).isFalse();
            assertThat(plain.path("vrTitle").asText()).contains("https address of the QR code")
                    .contains("warns once about the certificate");
        }
    }

    private JsonNode runBrowser(URI https, URI http) throws Exception {
        return BrowserScript.run(dir, "watch-secure.mjs", Duration.ofMinutes(4), https.toString(), http.toString(),
                "60");
    }
}
