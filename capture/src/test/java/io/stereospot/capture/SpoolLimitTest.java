package io.stereospot.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stereospot.capture.upload.UploadBacklog;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SpoolLimitTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void theDefaultKeepsTwoMinutesOrHalfAGibibyte() {
        assertThat(SpoolLimit.DEFAULT.maxWaiting()).isEqualTo(Duration.ofMinutes(2));
        assertThat(SpoolLimit.DEFAULT.maxBytes()).isEqualTo(512 * MIB);
    }

    @Test
    void withinTheBoundNothingStops() {
        assertThat(SpoolLimit.DEFAULT.exceededBy(UploadBacklog.NONE)).isEmpty();
        assertThat(SpoolLimit.DEFAULT.exceededBy(new UploadBacklog(24, 100 * MIB, Duration.ofMinutes(2),
                Duration.ofSeconds(110)))).as("exactly at the bound").isEmpty();
        assertThat(SpoolLimit.DEFAULT.exceededBy(new UploadBacklog(1, 512 * MIB, Duration.ofSeconds(5), null)))
                .isEmpty();
    }

    @Test
    void chunksWaitingTooLongStopTheBroadcast() {
        UploadBacklog backlog = new UploadBacklog(25, 96_400_000, Duration.ofSeconds(121), Duration.ofSeconds(118));
        assertThat(SpoolLimit.DEFAULT.exceededBy(backlog)).contains("The broadcast stopped: the stream server could"
                + " not be reached, and 25 chunks (96.4 MB) waited longer than 2 min on this computer. The playlist"
                + " keeps what was uploaded.");
        UploadBacklog slow = new UploadBacklog(3, 2_000_000, Duration.ofSeconds(11), null);
        assertThat(new SpoolLimit(Duration.ofSeconds(10), MIB).exceededBy(slow)).contains("The broadcast stopped:"
                + " uploads fell behind, and 3 chunks (2.0 MB) waited longer than 10 s on this computer. The playlist"
                + " keeps what was uploaded.");
    }

    @Test
    void tooManyBytesStopTheBroadcast() {
        UploadBacklog backlog = new UploadBacklog(1, 512 * MIB + 1, Duration.ofSeconds(5), Duration.ofSeconds(4));
        assertThat(SpoolLimit.DEFAULT.exceededBy(backlog)).contains("The broadcast stopped: the stream server could"
                + " not be reached, and 1 chunk (536.9 MB) waiting on this computer passed the 512 MiB the spool"
                + " keeps. The playlist keeps what was uploaded.");
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new SpoolLimit(Duration.ZERO, MIB)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SpoolLimit(Duration.ofSeconds(1), 0)).isInstanceOf(
                IllegalArgumentException.class);
    }
}
