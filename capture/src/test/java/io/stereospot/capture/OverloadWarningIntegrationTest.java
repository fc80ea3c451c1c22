package io.stereospot.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.capture.session.SessionClient;
import io.stereospot.capture.source.CaptureSource;
import io.stereospot.capture.source.SourceCatalog;
import io.stereospot.capture.testing.RecordingListener;
import io.stereospot.media.testenv.Await;
import io.stereospot.media.testenv.BusyCores;
import io.stereospot.media.testenv.TestDesktop;
import io.stereospot.media.testenv.WavFiles;
import io.stereospot.server.ServerConfig;
import io.stereospot.server.StreamServer;
import io.stereospot.server.convert.ConverterSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The viewing issue's 1080p rig (a full-screen xterm printing the time as fast as it can, a tone into the sink), with
 * 1080p chosen by hand: this 2-core machine cannot hold 1080p30 (test-environment.md), so within 15 s of Start the
 * person is told, in a sentence that names what would help, and the hand-chosen size is kept (no step-down).
 */
class OverloadWarningIntegrationTest {

    @Test
    void forcedFullHdOnThisMachineWarnsWithinFifteenSecondsAndKeepsTheChoice(@TempDir Path dir) throws Exception {
        try (TestDesktop desktop = TestDesktop.start(dir.resolve("desktop"), 1920, 1080);
             BusyCores busy = BusyCores.twicePerCore();
             StreamServer server = StreamServer.start(ServerConfig.builder().port(0)
                     .converter(ConverterSettings.copy()).dataDir(dir.resolve("data")).build())) {
            desktop.openMovingWindow("busy", 0, 0, 1920, 1080);
            desktop.play(WavFiles.sine(dir.resolve("tone.wav"), 440, 90));
            SourceCatalog catalog = SourceCatalog.forThisPlatform(desktop.environment());
            CaptureSource screen = catalog.find("screen:0").orElseThrow();
            CaptureSettings settings = CaptureSettings.defaults(screen).withResolution(Resolution.P1080)
                    .withSystemAudio(true).withSpoolDir(dir.resolve("spool"));
            RecordingListener events = new RecordingListener();
            Broadcast broadcast = Broadcast.builder(settings, new SessionClient(server.baseUrl()), events)
                    .catalog(catalog).build();
            long started = System.nanoTime();
            broadcast.start();
            String warning = Await.value("the overload warning", () -> events.warnings.stream()
                    .filter(w -> w.startsWith("This computer cannot keep up")).findFirst().orElse(null),
                    w -> w != null || broadcast.state().isTerminal(), Duration.ofSeconds(40));
            double afterS = (System.nanoTime() - started) / 1e9;
            EncoderProgress last = events.progress.isEmpty() ? null : events.progress.get(events.progress.size() - 1);
            System.out.printf("FIGURES overload: warned %.1f s after Start: %s; FFmpeg so far %s%n", afterS, warning,
                    last);
            broadcast.stop();

            assertThat(warning).as("a warning, not the end: %s", broadcast.failureMessage()).isNotNull();
            assertThat(afterS).as("seconds from Start to the warning").isLessThan(15);
            assertThat(warning).contains("1080p at 30 frames a second")
                    .contains("Choose a lower resolution (or Auto), or close busy programs.");
            assertThat(events.qualities).as("a hand-chosen size is kept: no Auto choice, no step-down").isEmpty();
            assertThat(broadcast.stopReason()).contains(StopReason.USER_REQUESTED);
        }
    }
}
