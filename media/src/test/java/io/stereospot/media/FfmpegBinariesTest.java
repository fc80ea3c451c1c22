package io.stereospot.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FfmpegBinariesTest {

    @Test
    void bundledFfmpegRunsAndHasTheEncodersAndGrabbersWeUse() throws Exception {
        String encoders = run(FfmpegBinaries.ffmpeg(), "-hide_banner", "-encoders");
        assertThat(encoders).contains("libx264").contains(" aac ");
        String devices = run(FfmpegBinaries.ffmpeg(), "-hide_banner", "-devices");
        assertThat(devices).contains("x11grab").contains("pulse").contains("lavfi");
    }

    @Test
    void bundledFfprobeRuns() throws Exception {
        assertThat(run(FfmpegBinaries.ffprobe(), "-version")).startsWith("ffprobe version");
    }

    private static String run(Path program, String... args) throws Exception {
        var command = new java.util.ArrayList<String>();
        command.add(program.toString());
        command.addAll(java.util.List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        return out;
    }
}
