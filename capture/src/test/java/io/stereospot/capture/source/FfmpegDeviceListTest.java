package io.stereospot.capture.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Device lists as FFmpeg prints them on macOS (avfoundation). */
class FfmpegDeviceListTest {

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
