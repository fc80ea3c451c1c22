package io.stereospot.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.capture.session.SessionClient;
import io.stereospot.capture.source.AudioSource;
import io.stereospot.capture.source.CaptureSource;
import io.stereospot.capture.source.SourceCatalog;
import io.stereospot.capture.testing.ChunkProbe;
import io.stereospot.capture.testing.RecordingListener;
import io.stereospot.capture.testing.StoreContents;
import io.stereospot.media.testenv.Await;
import io.stereospot.media.testenv.TestDesktop;
import io.stereospot.media.testenv.WavFiles;
import io.stereospot.server.ServerConfig;
import io.stereospot.server.StreamServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One window, captured by its id, with system audio (440 Hz) and a microphone (1 kHz) mixed into one track; closing
 * the window mid-stream fails the broadcast with a sentence.
 */
class WindowCaptureIntegrationTest {

    @Test
    void aWindowIsCapturedAndClosingItFailsTheBroadcastWithASentence(@TempDir Path dir) throws Exception {
        try (TestDesktop desktop = TestDesktop.start(dir.resolve("desktop"), 1280, 720, true);
             StreamServer server = StreamServer.start(ServerConfig.builder().port(0)
                     .dataDir(dir.resolve("data")).build())) {
            long id = desktop.openMovingWindow("Clock window", 100, 100, 480, 320);
            desktop.play(WavFiles.sine(dir.resolve("system.wav"), 440, 60));
            desktop.playIntoMicrophone(WavFiles.sine(dir.resolve("mic.wav"), 1000, 60));
            SourceCatalog catalog = SourceCatalog.forThisPlatform(desktop.environment());
            CaptureSource window = catalog.find("window:0x" + Long.toHexString(id)).orElseThrow(
                    () -> new AssertionError("window not listed: " + catalog.videoSources()));
            assertThat(window).isInstanceOf(CaptureSource.Window.class);
            assertThat(((CaptureSource.Window) window).title()).isEqualTo("Clock window");

            RecordingListener events = new RecordingListener();
            assertThat(catalog.audioSources()).extracting(AudioSource::kind)
                    .containsExactly(AudioSource.Kind.SYSTEM, AudioSource.Kind.MICROPHONE);
            CaptureSettings settings = new CaptureSettings(window, Resolution.P720, true, true, 30, 2000,
                    dir.resolve("spool"), "sbs", null);
            Broadcast broadcast = Broadcast.builder(settings, new SessionClient(server.baseUrl()), events)
                    .catalog(catalog).build();
            broadcast.start();
            Await.until(() -> events.uploaded(0) || broadcast.state().isTerminal(), Duration.ofSeconds(30),
                    "chunk 0 of the window");
            assertThat(broadcast.state()).as("%s", broadcast.failureMessage()).isEqualTo(BroadcastState.LIVE);

            desktop.closeWindow(id);
            long closedAt = System.nanoTime();
            BroadcastState end = broadcast.termination().get(30, TimeUnit.SECONDS);
            long detectMs = (System.nanoTime() - closedAt) / 1_000_000;

            assertThat(end).isEqualTo(BroadcastState.FAILED);
            assertThat(broadcast.stopReason()).contains(StopReason.SOURCE_LOST);
            assertThat(broadcast.failureMessage()).contains("The window \"Clock window\" was closed or hidden, so"
                    + " there was nothing left to capture; the broadcast stopped.");
            assertThat(events.failures).extracting(RecordingListener.Failure::reason)
                    .containsExactly(StopReason.SOURCE_LOST);
            assertThat(detectMs).as("time from closing the window to FAILED").isLessThan(5000);
            assertThat(events.states).endsWith(BroadcastState.STOPPING, BroadcastState.FAILED);

            String sessionId = events.sessions.get(0).sessionId();
            var stored = StoreContents.chunkIndices(server, sessionId);
            assertThat(stored).startsWith(0);
            for (int i = 0; i < stored.size(); i++) {
                assertThat(stored.get(i)).isEqualTo(i);
            }
            ChunkProbe.Streams first = ChunkProbe.streams(StoreContents.chunkFile(server, sessionId, 0));
            assertThat(first.videoCodec()).isEqualTo("h264");
            assertThat(first.audioCodec()).isEqualTo("aac");
            Path chunk0 = StoreContents.chunkFile(server, sessionId, 0);
            assertThat(ChunkProbe.bandVolumeDb(chunk0, 440)).as("system audio in the mix").isGreaterThan(-30);
            assertThat(ChunkProbe.bandVolumeDb(chunk0, 1000)).as("microphone in the mix").isGreaterThan(-30);
            assertThat(ChunkProbe.bandVolumeDb(chunk0, 3000)).as("nothing at 3 kHz").isLessThan(-45);
            assertThat(first.width()).isEqualTo(1280);
            assertThat(first.height()).isEqualTo(720);
            assertThat(StoreContents.sessionRecord(server, sessionId)).matches("(?s).*\"ended_at\"\\s*:\\s*\"2.*");
        }
    }
}
