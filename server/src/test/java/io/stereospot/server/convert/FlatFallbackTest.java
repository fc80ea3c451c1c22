package io.stereospot.server.convert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlatFallbackTest {

    @Test
    void theFallbacksNeverRepeatTheConverterThatFailed() {
        assertThat(FlatFallback.after(ConverterSettings.command("false {input} {output}").create()))
                .extracting(Converter::name).containsExactly("sbs", "copy");
        assertThat(FlatFallback.after(ConverterSettings.sbs().create())).extracting(Converter::name)
                .containsExactly("copy");
        assertThat(FlatFallback.after(ConverterSettings.copy().create())).as("a re-encode may read what a copy could not")
                .extracting(Converter::name).containsExactly("sbs");
    }

    @Test
    void theErrorPlayersSeeHasNoPathsAndStaysShort() {
        assertThat(FlatFallback.forPlayers("The converter command exited with status 1: cannot open "
                + "/tmp/stereospot-playback-123/convert/chunk-9/chunk.mp4 or C:\\\\work\\\\x.mp4\n  (out of memory)"))
                .isEqualTo("The converter command exited with status 1: cannot open … or … (out of memory)");
        assertThat(FlatFallback.forPlayers("libavcodec 61. 19.101 / 61. 19.101")).as("a lone slash is no path")
                .isEqualTo("libavcodec 61. 19.101 / 61. 19.101");
        assertThat(FlatFallback.forPlayers(null)).isEqualTo("The converter gave no reason.");
        String longer = FlatFallback.forPlayers("The converter command exited with status 1: " + "x".repeat(500)
                + " the real reason");
        assertThat(longer).hasSize(300).startsWith("The converter command exited").endsWith("the real reason");
    }
}
