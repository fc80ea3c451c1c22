package io.stereospot.capture.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressParserTest {

    @Test
    void aBlockBecomesOneReport() {
        ProgressParser parser = new ProgressParser();
        String block = """
                frame=481
                fps=31.72
                stream_0_0_q=-1.0
                bitrate=N/A
                out_time_us=15966667
                dup_frames=44
                drop_frames=43
                speed=1.05x
                """;
        for (String line : block.split("\n")) {
            assertThat(parser.accept(line)).isNull();
        }
        ProgressReport progress = parser.accept("progress=continue");
        assertThat(progress).isEqualTo(new ProgressReport(481, 31.72, 1.05, 43, 44, 15966));
        assertThat(parser.accept("speed=N/A")).isNull();
        assertThat(parser.accept("progress=end").speed()).as("N/A reads as 0").isZero();
    }
}
