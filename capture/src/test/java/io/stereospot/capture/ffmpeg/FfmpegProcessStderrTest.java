package io.stereospot.capture.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.media.FfmpegBinaries;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled FFmpeg at {@code -loglevel level+info}, as FfmpegCommand runs it: the last error and the owner's
 * stderr lines hold its warnings and errors without their tag and none of the information lines, which are read
 * for the inputs' starts.
 */
class FfmpegProcessStderrTest {

    @Test
    void infoLinesGiveTheStartsAndStayOutOfTheLastError(@TempDir Path dir) throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        Path missing = dir.resolve("missing.wav");
        FfmpegProcess ffmpeg = FfmpegProcess.start(List.of(FfmpegBinaries.ffmpeg().toString(), "-hide_banner",
                "-nostats", "-loglevel", "level+info", "-f", "lavfi", "-i", "anullsrc=r=48000:cl=stereo",
                "-i", missing.toString(), "-f", "null", "-"), Map.of(), new FfmpegProcess.Events() {
                    @Override
                    public void stderrLine(String line) {
                        heard.add(line);
                    }
                });

        assertThat(ffmpeg.exit().get(30, TimeUnit.SECONDS)).isNotZero();
        InputStarts starts = ffmpeg.inputStarts().get(1, TimeUnit.SECONDS);
        assertThat(starts.startSeconds(0)).as("lavfi's start, from its info dump").contains(0.0);
        assertThat(starts.wallClockStart(0, ffmpeg.startedAt())).as("0 is no wall time").isEmpty();
        assertThat(ffmpeg.startedAt()).isBeforeOrEqualTo(Instant.now());
        assertThat(ffmpeg.lastError()).contains("No such file or directory").doesNotContain("[error]")
                .doesNotContain("Input #0").doesNotContain("Duration:");
        assertThat(heard).isNotEmpty().allMatch(line -> !line.contains("[info]") && !line.contains("Duration:"));
    }
}
