package io.stereospot.app.gui.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.contract.SessionStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTextsTest {

    @Test
    void theStatusLineCountsUploadedChunks() {
        assertThat(StatusTexts.streaming(0)).isEqualTo("Streaming… recording the first chunk");
        assertThat(StatusTexts.streaming(12)).isEqualTo("Streaming… chunk 12");
    }

    @Test
    void conversionSaysWhichChunksAreFlatAndHowFarItIsBehind() {
        assertThat(StatusTexts.conversion(status(0, List.of()))).isNull();
        assertThat(StatusTexts.conversion(status(1, List.of()))).as("the chunk converting now").isNull();
        assertThat(StatusTexts.conversion(status(3, List.of())))
                .isEqualTo("3D conversion 15 s behind (3 chunks waiting)");
        assertThat(StatusTexts.conversion(status(0, List.of(12))))
                .isEqualTo("3D conversion failed for chunk 12; it is shown flat");
        assertThat(StatusTexts.conversion(status(2, List.of(3, 12))))
                .isEqualTo("3D conversion failed for 2 chunks (the last: 12); they are shown flat"
                        + " · 3D conversion 10 s behind (2 chunks waiting)");
    }

    private static SessionStatus status(int behind, List<Integer> flat) {
        return new SessionStatus("id", SessionStatus.LIVE, 20, 20 - behind, behind, behind * 5.0, flat, null);
    }

    @Test
    void elapsedTimeReadsLikeAClock() {
        assertThat(StatusTexts.elapsed(Duration.ZERO)).isEqualTo("00:00");
        assertThat(StatusTexts.elapsed(Duration.ofSeconds(247))).isEqualTo("04:07");
        assertThat(StatusTexts.elapsed(Duration.ofSeconds(3723))).isEqualTo("1:02:03");
    }

    @Test
    void theExpiryIsAnnouncedInTheLastTenMinutesOnly() {
        assertThat(StatusTexts.limitNotice(Duration.ofMinutes(10).plusSeconds(1))).isNull();
        assertThat(StatusTexts.limitNotice(Duration.ofMinutes(10)))
                .isEqualTo("The upload credentials expire in 10 minutes: the stream stops shortly before");
        assertThat(StatusTexts.limitNotice(Duration.ofMinutes(9).plusSeconds(55)))
                .isEqualTo("The upload credentials expire in 10 minutes: the stream stops shortly before");
        assertThat(StatusTexts.limitNotice(Duration.ofSeconds(30)))
                .isEqualTo("The upload credentials expire in 1 minute: the stream stops shortly before");
        assertThat(StatusTexts.limitNotice(Duration.ofSeconds(-1))).isNull();
    }

    @Test
    void healthSaysWhenUploadsFallBehind() {
        assertThat(StatusTexts.health(0, 0, 0, -1, 5000))
                .isEqualTo("Uploads: waiting for the first chunk (every 5 s)");
        assertThat(StatusTexts.health(3, 1_234_567, 310, 1.0, 5000))
                .isEqualTo("Uploads healthy: last chunk 1.2 MB, online 0.31 s after it was recorded");
        assertThat(StatusTexts.health(3, 48_000, 6200, 0.8, 5000))
                .isEqualTo("Uploads falling behind: the last chunk (48 KB) took 6.20 s · encoder slow (0.80× real time)");
    }

    @Test
    void theQrCaptionSaysWhenOnlyThisComputerCanOpenThePage() {
        String id = "/watch/dc81e57f-62a8-4d0b-ac94-7e4c5cd97851";
        assertThat(StatusTexts.watchQrCaption("http://127.0.0.1:8470" + id)).isEqualTo(
                "This computer only. For a headset or phone, let other devices play the stream (Settings).");
        assertThat(StatusTexts.watchQrCaption("http://[::1]:8470" + id)).startsWith("This computer only.");
        assertThat(StatusTexts.watchQrCaption("http://localhost:8470" + id)).startsWith("This computer only.");
        assertThat(StatusTexts.watchQrCaption("http://192.168.1.20:8470" + id))
                .isEqualTo("Scan with a headset or phone on the same network to open the watch page.");
        assertThat(StatusTexts.watchQrCaption("https://192.168.1.20:8474" + id)).isEqualTo("Scan with a headset or "
                + "phone on this network. It warns once about the certificate: Advanced, Proceed.");
        assertThat(StatusTexts.watchQrCaption("")).isEmpty();
    }
}
