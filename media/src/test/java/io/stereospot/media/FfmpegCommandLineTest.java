package io.stereospot.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.media.process.ExternalProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The preamble every FFmpeg run shares, as the bundled FFmpeg takes it. */
class FfmpegCommandLineTest {

    @Test
    void aRunToCompletionReadsNoStdinAndSaysOnlyItsErrors() {
        assertThat(FfmpegCommandLine.of(List.of("wine", "ffmpeg.exe")).with("-i", "in.mp4"))
                .containsExactly("wine", "ffmpeg.exe", "-nostdin", "-hide_banner", "-nostats", "-loglevel", "error",
                        "-i", "in.mp4");
    }

    @Test
    void aRunStoppedWithQLeavesStdinToFfmpeg() {
        assertThat(FfmpegCommandLine.of(List.of("ffmpeg")).readingStdin().logLevel("level+info").with("-y"))
                .containsExactly("ffmpeg", "-hide_banner", "-nostats", "-loglevel", "level+info", "-y");
    }

    @Test
    void theBundledFfmpegTakesThePreamble(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path out = dir.resolve("tone.wav");
        ExternalProcess.Result result = ExternalProcess.run(FfmpegCommandLine.ffmpeg().with("-f", "lavfi", "-i",
                "sine=d=0.2", out.toString()), dir, Duration.ofSeconds(30));

        assertThat(result.succeeded()).as(result.stderrTail()).isTrue();
        assertThat(result.stderrTail()).as("nothing said on success at -loglevel error").isEmpty();
        assertThat(out).isNotEmptyFile();
    }
}
