package io.stereospot.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.capture.session.SessionClient;
import io.stereospot.capture.source.CaptureSource;
import io.stereospot.capture.source.SourceCatalog;
import io.stereospot.capture.testing.RecordingListener;
import io.stereospot.capture.testing.StoreContents;
import io.stereospot.contract.SessionStatus;
import io.stereospot.media.testenv.Await;
import io.stereospot.media.testenv.TestDesktop;
import io.stereospot.server.ServerConfig;
import io.stereospot.server.StreamServer;
import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.playback.PlaybackSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real broadcast against a server whose {@code command} converter fails for chunk 2 (its 3rd, 4th and 5th runs:
 * chunk 2's three attempts, since a session's chunks are converted in order): the broadcast hears of it through
 * {@code GET /stream_sessions/{id}} while live, goes on, and its playlist reaches ENDLIST with every chunk.
 */
class ConversionFailureIntegrationTest {

    private static final long CHUNK_MS = 2000;
    private static final int FAILING = 2;

    @TempDir
    Path dir;

    @Test
    void theBroadcastLearnsThatAChunkIsShownFlatAndTheStreamGoesOn() throws Exception {
        String failsOnRuns2To4 = "sh -c 'n=$(cat \"$0\" 2>/dev/null || echo 0); echo $((n + 1)) > \"$0\"; "
                + "if [ \"$n\" -ge 2 ] && [ \"$n\" -le 4 ]; then echo \"depth model crashed\" >&2; exit 1; fi; "
                + "cp \"$1\" \"$2\"' " + dir.resolve("runs") + " {input} {output}";
        PlaybackSettings playback = PlaybackSettings.defaults()
                .withConverter(ConverterSettings.command(failsOnRuns2To4));
        playback = playback.withWorker(playback.worker().withRetryBackoff(Duration.ofMillis(50)));
        try (TestDesktop desktop = TestDesktop.start(dir.resolve("desktop"), 640, 360);
                StreamServer server = StreamServer.start(ServerConfig.builder().port(0).dataDir(dir.resolve("data"))
                        .playback(playback).build())) {
            desktop.openMovingWindow("moving", 0, 0, 640, 360);
            SourceCatalog catalog = SourceCatalog.forThisPlatform(desktop.environment());
            CaptureSource screen = catalog.find("screen:0").orElseThrow();
            CaptureSettings settings = new CaptureSettings(screen, Resolution.P720, false, false, 30, CHUNK_MS,
                    dir.resolve("spool"), "sbs", null);
            RecordingListener events = new RecordingListener();
            SessionClient sessions = new SessionClient(server.baseUrl());
            Broadcast broadcast = Broadcast.builder(settings, sessions, events).catalog(catalog).build();

            long started = System.nanoTime();
            broadcast.start();
            Await.until("a status that shows chunk " + FAILING + " flat", () -> events.conversionStatuses.stream()
                    .anyMatch(s -> s.fallbackSegments().contains(FAILING)), Duration.ofSeconds(60));
            System.out.printf("broadcast heard of the flat chunk %.1f s after Start%n",
                    (System.nanoTime() - started) / 1e9);
            assertThat(broadcast.state()).as("still live").isEqualTo(BroadcastState.LIVE);
            assertThat(broadcast.stop()).isEqualTo(BroadcastState.STOPPED);
            assertThat(events.failures).isEmpty();

            String sessionId = events.sessions.get(0).sessionId();
            List<Integer> stored = StoreContents.chunkIndices(server, sessionId);
            URI playlist = URI.create(events.sessions.get(0).playlistUrl());
            String text = Await.value("ENDLIST with every chunk", () -> get(playlist),
                    p -> p.contains("#EXT-X-ENDLIST"), Duration.ofSeconds(60));
            // Each segment's URI once (the flat SBS segment is listed as byte-range parts of its file).
            assertThat(text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).distinct().count())
                    .isEqualTo(stored.size());
            SessionStatus last = sessions.status(sessionId);
            System.out.println("status after the end: " + last);
            assertThat(last.ended()).isTrue();
            assertThat(last.segmentsReady()).isEqualTo(stored.size());
            assertThat(last.fallbackSegments()).containsExactly(FAILING);
            assertThat(last.lastConversionError()).contains("depth model crashed");
        }
    }

    private static String get(URI url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
