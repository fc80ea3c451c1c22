package io.stereospot.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutageTextsTest {

    @Test
    void theOutageSaysHowLongAndHowManyChunksWait() {
        assertThat(OutageTexts.waiting(Duration.ofMillis(12_900), 3)).isEqualTo(
                "Server unreachable: 12 s, 3 chunks waiting");
        assertThat(OutageTexts.waiting(Duration.ofMillis(400), 1)).isEqualTo(
                "Server unreachable: 0 s, 1 chunk waiting");
    }

    @Test
    void theRecoverySaysHowLongItWasAndWhatFollows() {
        assertThat(OutageTexts.recovered(Duration.ofSeconds(34), 17)).isEqualTo(
                "Server reachable again after 34 s: uploading 17 waiting chunks.");
        assertThat(OutageTexts.recovered(Duration.ofSeconds(9), 1)).isEqualTo(
                "Server reachable again after 9 s: uploading 1 waiting chunk.");
        assertThat(OutageTexts.recovered(Duration.ofSeconds(9), 0)).isEqualTo(
                "Server reachable again after 9 s; every chunk is uploaded.");
    }
}
