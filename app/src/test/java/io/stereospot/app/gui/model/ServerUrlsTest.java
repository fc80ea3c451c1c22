package io.stereospot.app.gui.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerUrlsTest {

    @Test
    void emptyMeansLocalModeAndIsFine() {
        assertThat(ServerUrls.problem("")).isEmpty();
        assertThat(ServerUrls.problem("   ")).isEmpty();
        assertThat(ServerUrls.problem(null)).isEmpty();
    }

    @Test
    void webAddressesAreAccepted() {
        assertThat(ServerUrls.problem("http://192.168.1.20:8470")).isEmpty();
        assertThat(ServerUrls.problem(" https://streams.example.com/ ")).isEmpty();
    }

    @Test
    void anythingElseGetsASentence() {
        assertThat(ServerUrls.problem("192.168.1.20:8470")).get().asString()
                .contains("'192.168.1.20:8470' is not a web address").contains("leave it empty");
        assertThat(ServerUrls.problem("ftp://host/")).isPresent();
        assertThat(ServerUrls.problem("http://")).isPresent();
        assertThat(ServerUrls.problem("http://bad host/")).isPresent();
    }
}
