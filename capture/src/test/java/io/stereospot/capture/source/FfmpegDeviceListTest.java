package io.stereospot.capture.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Device lists as FFmpeg prints them on Windows (dshow) and macOS (avfoundation). */
class FfmpegDeviceListTest {

    @Test
    void dshowAudioDevicesByName() {
        String output = """
                [dshow @ 000001c5d1d2e840] "Integrated Camera" (video)
                [dshow @ 000001c5d1d2e840]   Alternative name "@device_pnp_\\\\?\\usb#vid_04f2"
                [dshow @ 000001c5d1d2e840] "Microphone (Realtek(R) Audio)" (audio)
                [dshow @ 000001c5d1d2e840]   Alternative name "@device_cm_{33D9A762}\\wave_{1F0}"
                [dshow @ 000001c5d1d2e840] "Headset Microphone (USB)" (audio)
                dummy: Immediate exit requested
                """;
        assertThat(FfmpegDeviceList.dshowAudio(output)).extracting(FfmpegDeviceList.Device::name)
                .containsExactly("Microphone (Realtek(R) Audio)", "Headset Microphone (USB)");
    }

    @Test
    void avfoundationSectionsByIndex() {
        String output = """
                [AVFoundation indev @ 0x7f9e4a704b40] AVFoundation video devices:
                [AVFoundation indev @ 0x7f9e4a704b40] [0] FaceTime HD Camera
                [AVFoundation indev @ 0x7f9e4a704b40] [1] Capture screen 0
                [AVFoundation indev @ 0x7f9e4a704b40] [2] Capture screen 1
                [AVFoundation indev @ 0x7f9e4a704b40] AVFoundation audio devices:
                [AVFoundation indev @ 0x7f9e4a704b40] [0] MacBook Pro Microphone
                : Input/output error
                """;
        assertThat(FfmpegDeviceList.avfoundation(output, "video")).extracting(FfmpegDeviceList.Device::name)
                .containsExactly("FaceTime HD Camera", "Capture screen 0", "Capture screen 1");
        assertThat(FfmpegDeviceList.avfoundation(output, "audio"))
                .containsExactly(new FfmpegDeviceList.Device("0", "MacBook Pro Microphone"));
    }
}
