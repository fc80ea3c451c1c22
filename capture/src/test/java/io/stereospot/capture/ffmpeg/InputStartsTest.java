package io.stereospot.capture.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The inputs' starts read from stderr that the bundled FFmpeg wrote with {@code -loglevel level+info}
 * ({@code src/test/resources/ffmpeg-stderr}): pulse + x11grab on a private Xvfb and PulseAudio, and x11grab + lavfi's
 * anullsrc (a silent capture), each line as FfmpegProcess reads it.
 */
class InputStartsTest {

    @Test
    void pulseAndX11grabBothPrintWallClockStarts() throws IOException {
        InputStarts starts = new InputStarts();
        List<Boolean> complete = feed(starts, "linux-pulse-x11grab.txt");

        assertThat(starts.startSeconds(0)).contains(1796036124.054692);
        assertThat(starts.startSeconds(1)).contains(1796036124.388996);
        assertThat(complete).as("complete at 'Stream mapping:', the 11th line, and from then on")
                .containsSequence(false, true).endsWith(true);
        assertThat(complete.indexOf(true)).isEqualTo(10);
        Instant ffmpegStarted = Instant.parse("2026-11-30T10:55:23.200Z");
        assertThat(starts.wallClockStart(1, ffmpegStarted)).contains(Instant.parse("2026-11-30T10:55:24.388996Z"));
        assertThat(starts.wallClockStart(2, ffmpegStarted)).as("no such input").isEmpty();
    }

    @Test
    void aStartFarFromFfmpegsOwnStartIsNoWallClock() throws IOException {
        InputStarts starts = new InputStarts();
        feed(starts, "linux-pulse-x11grab.txt");
        Instant first = Instant.parse("2026-11-30T10:55:24.388996Z");

        assertThat(starts.wallClockStart(1, first.plusSeconds(1))).as("1 s before FFmpeg's start").isPresent();
        assertThat(starts.wallClockStart(1, first.plusMillis(1_001))).as("more than 1 s before").isEmpty();
        assertThat(starts.wallClockStart(1, first.minusSeconds(30))).as("30 s after").isPresent();
        assertThat(starts.wallClockStart(1, first.minusMillis(30_001))).as("more than 30 s after").isEmpty();
    }

    @Test
    void lavfiStartsAtZeroWhichIsNoWallClock() throws IOException {
        InputStarts starts = new InputStarts();
        List<Boolean> complete = feed(starts, "linux-x11grab-anullsrc.txt");
        Instant ffmpegStarted = Instant.parse("2026-11-30T10:55:39.800Z");

        assertThat(complete).endsWith(true);
        assertThat(starts.wallClockStart(0, ffmpegStarted)).contains(Instant.parse("2026-11-30T10:55:39.904700Z"));
        assertThat(starts.startSeconds(1)).contains(0.0);
        assertThat(starts.wallClockStart(1, ffmpegStarted)).isEmpty();
    }

    @Test
    void levelTagsAreTakenOutAndOnlyWarningsAndWorseAreProblems() {
        LogLine warning = LogLine.parse("[x11grab @ 0x55a938094e40] [warning] Stream #0: not enough frames");
        assertThat(warning).isEqualTo(new LogLine("warning", "[x11grab @ 0x55a938094e40] Stream #0: not enough frames"));
        assertThat(warning.isProblem()).isTrue();
        LogLine info = LogLine.parse("[info]   Duration: N/A, start: 0.000000, bitrate: 768 kb/s");
        assertThat(info).isEqualTo(new LogLine("info", "  Duration: N/A, start: 0.000000, bitrate: 768 kb/s"));
        assertThat(info.isProblem()).isFalse();
        assertThat(LogLine.parse("[fatal] Conversion failed!").isProblem()).isTrue();
        LogLine untagged = LogLine.parse("0024:fixme:ntdll:NtQuerySystemInformation info_class 0x94");
        assertThat(untagged.level()).isEmpty();
        assertThat(untagged.isProblem()).as("a line without a tag is kept, as before").isTrue();
        assertThat(LogLine.parse("[in#0 @ 0x1] Error opening input: No such file or directory").isProblem())
                .isTrue();
    }

    /** Feeds the sample's lines as FfmpegProcess does (stripped, tag taken out); the answers, line by line. */
    private static List<Boolean> feed(InputStarts starts, String sample) throws IOException {
        List<Boolean> complete = new ArrayList<>();
        try (InputStream in = InputStartsTest.class.getResourceAsStream("/ffmpeg-stderr/" + sample)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                complete.add(starts.accept(LogLine.parse(line.strip()).text()));
            }
        }
        return complete;
    }
}
