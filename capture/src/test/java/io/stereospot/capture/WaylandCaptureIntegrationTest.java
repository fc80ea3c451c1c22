package io.stereospot.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stereospot.capture.session.SessionClient;
import io.stereospot.capture.source.CaptureSource;
import io.stereospot.capture.source.SourceCatalog;
import io.stereospot.capture.testing.ChunkProbe;
import io.stereospot.capture.testing.RecordingListener;
import io.stereospot.capture.testing.StoreContents;
import io.stereospot.capture.testing.WaylandDesktop;
import io.stereospot.media.FfmpegBinaries;
import io.stereospot.media.testenv.Await;
import io.stereospot.media.testenv.WavFiles;
import io.stereospot.server.ServerConfig;
import io.stereospot.server.StreamServer;
import io.stereospot.server.convert.ConverterSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wayland, headless: sway with PipeWire and the xdg-desktop-portal (wlroots back end, a scripted chooser) that
 * {@link WaylandDesktop} starts, a terminal with an orange background filling the screen. The screen goes through
 * the ScreenCast portal, GStreamer and the bundled FFmpeg into 5 s H.264 + AAC chunks on a real server. A second
 * broadcast starts from the restore token the first one kept, without a new selection; stopping the portal's back
 * end then ends it with a sentence.
 */
class WaylandCaptureIntegrationTest {

    private static final Pattern RESTORED = Pattern.compile("dbus: restoring session from data");

    @Test
    void theScreenComesThroughThePortalAndTheSecondRunReusesTheToken(@TempDir Path tmp) throws Exception {
        var missing = WaylandDesktop.missingPackages();
        assumeTrue(missing.isEmpty(), () -> "Wayland capture not tested: install " + missing.orElse(""));
        // Under target/, with a short name: the desktop's sockets live there.
        Path dir = Files.createDirectories(Path.of("target", "wl-" + ProcessHandle.current().pid() + "-"
                + System.nanoTime() % 100_000)).toAbsolutePath();
        try (WaylandDesktop desktop = WaylandDesktop.start(dir);
             StreamServer server = StreamServer.start(ServerConfig.builder().port(0)
                     .converter(ConverterSettings.copy()).dataDir(tmp.resolve("data")).build())) {
            desktop.pulse().play(WavFiles.sine(tmp.resolve("tone.wav"), 440, 60));
            SourceCatalog catalog = SourceCatalog.forThisPlatform(desktop.environment());
            assertThat(catalog.videoSources()).containsExactly(CaptureSource.Portal.SCREEN);
            assertThat(catalog.platformWarning()).isEmpty();
            Path token = dir.resolve("config/stereospot/screencast-screen.token");

            // First run: no token yet, so the portal asks its chooser (the dialog's stand-in here).
            Events first = new Events();
            Broadcast broadcast = broadcast(catalog, server, tmp.resolve("spool1"), first);
            broadcast.start();
            Await.until(() -> first.uploaded(2) || broadcast.state().isTerminal(), Duration.ofSeconds(40),
                    "chunk 2 through the portal");
            assertThat(broadcast.state()).as("%s", broadcast.failureMessage()).isEqualTo(BroadcastState.LIVE);
            assertThat(broadcast.stop()).isEqualTo(BroadcastState.STOPPED);

            assertThat(desktop.log("xdpw")).as("the portal's back end started a cast")
                    .contains("dbus: start method invoked", "pipewire: Format negotiated");
            assertThat(first.chosen).containsExactly("The entire screen through the system's screen sharing"
                    + " (1280×720)");
            assertThat(count(RESTORED, desktop.log("xdpw"))).as("no restore data on the first run").isZero();
            assertThat(desktop.timesChooserAsked()).as("the selection on the first run").isEqualTo(1);
            assertThat(token).isRegularFile();
            String firstToken = Files.readString(token).strip();

            String sessionId = first.sessions.get(0).sessionId();
            for (int i = 0; i < 3; i++) {
                Path chunk = StoreContents.chunkFile(server, sessionId, i);
                ChunkProbe.Streams streams = ChunkProbe.streams(chunk);
                assertThat(streams.videoCodec()).as("chunk %d", i).isEqualTo("h264");
                assertThat(streams.audioCodec()).as("chunk %d", i).isEqualTo("aac");
                assertThat(streams.width()).isEqualTo(1280);
                assertThat(streams.height()).isEqualTo(720);
                assertThat(streams.videoDuration()).as("chunk %d", i).isBetween(4.9, 5.1);
                assertThat(streams.videoFrames()).as("chunk %d", i).isBetween(147L, 153L);
                assertThat(ChunkProbe.startsWithKeyframe(chunk)).as("chunk %d", i).isTrue();
            }
            double orange = share(StoreContents.chunkFile(server, sessionId, 1), 0xff, 0x80, 0x00);
            double desktopBackground = share(StoreContents.chunkFile(server, sessionId, 1), 0x20, 0x30, 0x40);
            assertThat(orange).as("share of the picture in the client's orange").isGreaterThan(0.6);
            assertThat(desktopBackground).as("share of the picture in sway's own background").isLessThan(0.05);
            assertThat(ChunkProbe.bandVolumeDb(StoreContents.chunkFile(server, sessionId, 1), 440))
                    .as("the 440 Hz tone from PulseAudio").isGreaterThan(-30);

            // Second run: the kept token brings back the same screen, the back end restores instead of selecting.
            Events second = new Events();
            Broadcast again = broadcast(catalog, server, tmp.resolve("spool2"), second);
            again.start();
            Await.until(() -> second.uploaded(0) || again.state().isTerminal(), Duration.ofSeconds(30),
                    "chunk 0 of the second run");
            assertThat(again.state()).as("%s", again.failureMessage()).isEqualTo(BroadcastState.LIVE);
            assertThat(count(RESTORED, desktop.log("xdpw"))).as("the back end restored the kept choice")
                    .isEqualTo(1);
            assertThat(desktop.log("xdpw")).contains("dbus: option restore_data.output_name: HEADLESS-1");
            assertThat(desktop.timesChooserAsked()).as("no new selection on the second run").isEqualTo(1);
            // The spec calls a token single-use; xdg-desktop-portal 1.16 gives the same one back for a choice kept
            // until revoked. Either way, what it gave is what is kept.
            assertThat(Files.readString(token).strip()).as("the token the second start gave").isNotEmpty();
            assertThat(firstToken).isNotEmpty();

            // The desktop stops sharing: the PipeWire stream ends, and so does the broadcast, with a sentence.
            desktop.stopPortalBackend();
            assertThat(again.termination().get(30, TimeUnit.SECONDS)).isEqualTo(BroadcastState.FAILED);
            assertThat(again.stopReason()).contains(StopReason.SOURCE_LOST);
            assertThat(again.failureMessage()).hasValueSatisfying(m -> assertThat(m)
                    .startsWith("The screen sharing ended: the shared screen or window is gone, or the system"
                            + " stopped sharing it, so the broadcast stopped"));
            assertThat(StoreContents.chunkIndices(server, second.sessions.get(0).sessionId())).startsWith(0);
        }
    }

    private static Broadcast broadcast(SourceCatalog catalog, StreamServer server, Path spool, Events events) {
        CaptureSettings settings = new CaptureSettings(CaptureSource.Portal.SCREEN, Resolution.P720, true, false, 30,
                5000, spool, "sbs", null);
        return Broadcast.builder(settings, new SessionClient(server.baseUrl()), events).catalog(catalog).build();
    }

    /** The share of a frame 2.5 s into the chunk within 40 of {@code r,g,b} on each channel. */
    private static double share(Path chunk, int r, int g, int b) {
        byte[] rgb = ChunkProbe.frameRgb(chunk, 2.5, 64, 36);
        int near = 0;
        for (int i = 0; i + 2 < rgb.length; i += 3) {
            if (Math.abs((rgb[i] & 0xff) - r) < 40 && Math.abs((rgb[i + 1] & 0xff) - g) < 40
                    && Math.abs((rgb[i + 2] & 0xff) - b) < 40) {
                near++;
            }
        }
        return near / (rgb.length / 3.0);
    }

    private static long count(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        long n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static final class Events extends RecordingListener {
        final List<String> chosen = new CopyOnWriteArrayList<>();

        @Override
        public void sourceChosen(String description) {
            chosen.add(description);
        }
    }
}
