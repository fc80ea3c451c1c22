package io.stereospot.capture.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.capture.source.Platform;
import org.junit.jupiter.api.Test;

class EncoderExitTest {

    @Test
    void aKilledEncoderIsNamedByItsSignalWithoutItsStaleLastLine() {
        assertThat(EncoderExit.sentence(Platform.LINUX_X11, 137, "frame=  300 fps= 30"))
                .isEqualTo("FFmpeg stopped unexpectedly (killed by signal 9, SIGKILL), so the broadcast stopped.");
        assertThat(EncoderExit.sentence(Platform.MACOS, 139, ""))
                .startsWith("FFmpeg stopped unexpectedly (killed by signal 11, SIGSEGV)");
        assertThat(EncoderExit.sentence(Platform.LINUX_X11, 128 + 40, "")).startsWith(
                "FFmpeg stopped unexpectedly (killed by signal 40)");
    }

    @Test
    void anOrdinaryExitKeepsItsStatusAndLastMessage() {
        assertThat(EncoderExit.sentence(Platform.LINUX_X11, 1, "Can't find window"))
                .isEqualTo("FFmpeg stopped unexpectedly (exit status 1): Can't find window");
        assertThat(EncoderExit.sentence(Platform.LINUX_X11, 0, "")).isEqualTo(
                "FFmpeg stopped unexpectedly (exit status 0).");
        assertThat(EncoderExit.sentence(Platform.WINDOWS, 137, "x"))
                .as("Windows has no signals: 137 is just a status").isEqualTo(
                        "FFmpeg stopped unexpectedly (exit status 137): x");
    }
}
