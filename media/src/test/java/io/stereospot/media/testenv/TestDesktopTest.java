package io.stereospot.media.testenv;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.media.FfmpegBinaries;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestDesktopTest {

    @Test
    void displayAndSinkWorkAndWindowsComeAndGo(@TempDir Path dir) throws Exception {
        try (TestDesktop desktop = TestDesktop.start(dir, 640, 360)) {
            long window = desktop.openMovingWindow("moving-test", 0, 0, 320, 180);
            assertThat(desktop.findWindow("moving-test")).isEqualTo(window);

            desktop.play(WavFiles.sine(dir.resolve("tone.wav"), 440, 30));
            Path wav = dir.resolve("monitor.wav");
            String out = HelperPrograms.run(List.of(FfmpegBinaries.ffmpeg().toString(), "-hide_banner",
                    "-f", "pulse", "-i", desktop.sink() + ".monitor", "-t", "1", "-af", "volumedetect",
                    "-y", wav.toString()), desktop.environment(), 15_000);
            double meanDb = Double.parseDouble(out.replaceAll("(?s).*mean_volume: (-?[0-9.]+) dB.*", "$1"));
            assertThat(meanDb).as("the tone reaches the sink's monitor").isGreaterThan(-30);

            desktop.unmapWindow(window);
            Await.until(() -> desktop.findWindow("moving-test") == null, Duration.ofSeconds(5), "unmap");
            desktop.mapWindow(window);
            Await.until(() -> desktop.findWindow("moving-test") != null, Duration.ofSeconds(5), "map");
            desktop.closeWindow(window);
            Await.until(() -> desktop.findWindow("moving-test") == null, Duration.ofSeconds(5), "close");
        }
    }
}
