package io.stereospot.app.gui.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.server.testing.MutableClock;
import io.stereospot.contract.RenewalGrant;
import io.stereospot.app.gui.settings.DepthChoice;
import io.stereospot.app.gui.settings.SettingsStore;
import io.stereospot.capture.Broadcast;
import io.stereospot.capture.BroadcastListener;
import io.stereospot.capture.BroadcastState;
import io.stereospot.capture.CaptureSettings;
import io.stereospot.capture.StopReason;
import io.stereospot.capture.session.SessionApi;
import io.stereospot.capture.source.CaptureSource;
import io.stereospot.contract.SessionStatus;
import io.stereospot.contract.StreamSession;
import io.stereospot.contract.UploadGrant;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start, Stop and the generations, with the engine's events played by the test: the launcher hands back a real
 * broadcast that is never started (stopping it just moves it to STOPPED), and keeps the listener each Start gave it.
 */
class BroadcastControllerTest {

    private static final CaptureSource PLAYER = new CaptureSource.Window(0x1e00003L, "Film player", 1280, 720);

    @TempDir
    Path dir;

    private final StepByStepWork work = new StepByStepWork();
    private final ScriptedLauncher launcher = new ScriptedLauncher();
    private final List<Banner> banners = new ArrayList<>();
    private final BroadcastController controller = new BroadcastController(work, launcher,
            new MutableClock(Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC)), banners::add);

    @Test
    void aStartGoesLiveAndAStopEndsIt() {
        start();
        assertThat(controller.phaseProperty().get()).isEqualTo(StreamPhase.STARTING);
        assertThat(controller.inputsLockedProperty().get()).isTrue();
        assertThat(controller.stopDisabledProperty().get()).isFalse();
        work.runAll();
        BroadcastListener events = launcher.events.get(0);
        events.stateChanged(BroadcastState.STARTING);
        events.sessionStarted(session("first"));
        events.stateChanged(BroadcastState.LIVE);
        events.chunkUploaded(0, 500_000, 800);
        events.conversionStatus(flat("first", 0));
        assertThat(controller.status().healthTextProperty().get())
                .startsWith("3D conversion failed for chunk 0; it is shown flat · Uploads healthy");
        assertThat(controller.phaseProperty().get()).isEqualTo(StreamPhase.STREAMING);
        assertThat(controller.status().playlistUrlProperty().get()).endsWith("/first/playlist.m3u8");
        assertThat(controller.status().chunksUploadedProperty().get()).isEqualTo(1);

        controller.stop();
        assertThat(controller.phaseProperty().get()).isEqualTo(StreamPhase.STOPPING);
        assertThat(controller.stopDisabledProperty().get()).isTrue();
        work.runAll();
        assertThat(launcher.broadcasts.get(0).state()).as("stopped in the background").isEqualTo(
                BroadcastState.STOPPED);
        events.stateChanged(BroadcastState.STOPPED);
        assertThat(controller.phaseProperty().get()).isEqualTo(StreamPhase.IDLE);
        assertThat(controller.inputsLockedProperty().get()).isFalse();
        assertThat(controller.status().statusTextProperty().get()).startsWith("Stopped after");
        assertThat(banners).containsOnlyNulls();
    }

    @Test
    void eventsOfAnEarlierBroadcastNeverTouchTheNextOne() {
        start();
        work.runAll();
        BroadcastListener first = launcher.events.get(0);
        first.sessionStarted(session("first"));
        first.failed(StopReason.SOURCE_LOST, "\"Film player\" was closed or hidden.");
        first.stateChanged(BroadcastState.FAILED);
        assertThat(controller.phaseProperty().get()).isEqualTo(StreamPhase.IDLE);

        start();
        work.runAll();
        BroadcastListener second = launcher.events.get(1);
        second.sessionStarted(session("second"));
        second.stateChanged(BroadcastState.LIVE);
        // Late words of the first broadcast: all dropped.
        first.chunkUploaded(7, 500_000, 800);
        first.sessionStarted(session("first"));
        first.warning("late");
        first.uploadsWaiting(Duration.ofSeconds(12), 3);
        first.uploadsRecovered(Duration.ofSeconds(14), 0);
        first.conversionStatus(flat("first", 7));
        first.failed(StopReason.UPLOAD_FAILED, "late");
        first.stateChanged(BroadcastState.STOPPED);

        assertThat(controller.phaseProperty().get()).isEqualTo(StreamPhase.STREAMING);
        assertThat(controller.status().playlistUrlProperty().get()).endsWith("/second/playlist.m3u8");
        assertThat(controller.status().chunksUploadedProperty().get()).isZero();
        assertThat(controller.status().healthTextProperty().get()).startsWith("Uploads: waiting for the first chunk");
        assertThat(banners).containsExactly(null, Banner.error("\"Film player\" was closed or hidden."), null);

        second.uploadsWaiting(Duration.ofSeconds(12), 3);
        assertThat(controller.status().healthTextProperty().get()).isEqualTo(
                "Server unreachable: 12 s, 3 chunks waiting");
    }

    @Test
    void stopPressedWhileStartingStopsTheBroadcastOnceItExists() {
        start();
        controller.stop();
        assertThat(controller.phaseProperty().get()).isEqualTo(StreamPhase.STOPPING);
        work.runAll();
        BroadcastListener events = launcher.events.get(0);
        events.stateChanged(BroadcastState.STARTING);
        events.stateChanged(BroadcastState.LIVE);
        assertThat(controller.phaseProperty().get()).as("live only to stop at once").isEqualTo(StreamPhase.STOPPING);
        assertThat(launcher.broadcasts.get(0).state()).isEqualTo(BroadcastState.STOPPED);

        events.stateChanged(BroadcastState.STOPPED);
        assertThat(controller.phaseProperty().get()).isEqualTo(StreamPhase.IDLE);
        start();
        assertThat(controller.phaseProperty().get()).as("a new start").isEqualTo(StreamPhase.STARTING);
    }

    @Test
    void aStartThatFailsSaysWhichServerAndAllowsAnother() {
        launcher.failWith = new IllegalStateException("Address already in use");
        start();
        work.runAll();
        assertThat(controller.phaseProperty().get()).isEqualTo(StreamPhase.IDLE);
        assertThat(controller.status().statusTextProperty().get()).isEmpty();
        assertThat(banners).last().isEqualTo(Banner.error(
                "The stream server inside the app could not start: Address already in use."));

        StreamInputs remote = inputs();
        remote.serverUrlProperty().set("http://streams.example:8470");
        controller.start(new SourceChoice(PLAYER), remote);
        work.runAll();
        assertThat(launcher.remoteUrls).containsExactly("", "http://streams.example:8470");
        assertThat(banners).last().isEqualTo(Banner.error("Streaming could not start: Address already in use."));
    }

    @Test
    void anUnreachableRemoteServerPointsAtTheSettings() {
        StreamInputs remote = inputs();
        remote.serverUrlProperty().set("http://streams.example:8470");
        controller.start(new SourceChoice(PLAYER), remote);
        work.runAll();
        launcher.events.get(0).failed(StopReason.SERVER_UNREACHABLE, "The stream server cannot be reached.");
        assertThat(banners).last().isEqualTo(Banner.error("The stream server cannot be reached. Check the server "
                + "URL in Settings, or leave it empty to stream from this computer."));
    }

    @Test
    void nothingStartsWithoutASourceOrWithABadServerUrl() {
        controller.start(null, inputs());
        assertThat(banners).containsExactly(Banner.error("Pick a screen or window to capture first."));

        StreamInputs typo = inputs();
        typo.serverUrlProperty().set("streams.example");
        controller.start(new SourceChoice(PLAYER), typo);
        assertThat(banners).last().extracting(Banner::text).asString().startsWith("The server URL 'streams.example'");
        assertThat(controller.phaseProperty().get()).isEqualTo(StreamPhase.IDLE);
        assertThat(work.runAll()).isZero();
    }

    @Test
    void theQualityChosenIsALineOfTheCardAndAnOverloadAWarningBanner() {
        start();
        work.runAll();
        launcher.events.get(0).qualityChosen("Quality Auto chose 720p at 30 frames a second.");
        assertThat(controller.status().qualityTextProperty().get())
                .isEqualTo("Quality Auto chose 720p at 30 frames a second.");
        assertThat(banners).as("no banner for a choice").allMatch(banner -> banner == null);
        launcher.events.get(0).warning("This computer cannot keep up with 1080p at 30 frames a second.");
        assertThat(banners).last().isEqualTo(
                Banner.warning("This computer cannot keep up with 1080p at 30 frames a second."));
    }

    @Test
    void shutdownStopsTheRunningBroadcastAndTheLauncherAndRefusesNewStarts() {
        start();
        work.runAll();
        launcher.events.get(0).stateChanged(BroadcastState.LIVE);

        CompletableFuture<Void> done = controller.shutdown();
        assertThat(done).isCompleted();
        assertThat(banners).last().isEqualTo(
                Banner.info("Stopping: uploading the last chunk and ending the session…"));
        assertThat(launcher.broadcasts.get(0).state()).isEqualTo(BroadcastState.STOPPED);
        assertThat(launcher.closed).isTrue();

        launcher.events.get(0).stateChanged(BroadcastState.STOPPED);
        start();
        assertThat(controller.phaseProperty().get()).isEqualTo(StreamPhase.IDLE);
        assertThat(launcher.events).hasSize(1);
    }

    @Test
    void stopForExitWaitsForAStartStillUnderWay() throws Exception {
        start();
        Thread exit = new Thread(controller::stopForExit);
        exit.start();
        work.runAll();
        exit.join(10_000);
        assertThat(exit.isAlive()).isFalse();
        assertThat(launcher.broadcasts.get(0).state()).isEqualTo(BroadcastState.STOPPED);
        assertThat(launcher.closed).isTrue();
    }

    private static SessionStatus flat(String sessionId, int chunk) {
        return new SessionStatus(sessionId, SessionStatus.LIVE, chunk + 1, chunk + 1, 0, 0, List.of(chunk),
                "The converter command exited with status 1");
    }

    private void start() {
        controller.start(new SourceChoice(PLAYER), inputs());
    }

    private StreamInputs inputs() {
        return new StreamInputs(new SettingsStore(dir.resolve("settings.properties")));
    }

    private static StreamSession session(String id) {
        return new StreamSession(id, "http://127.0.0.1:8471/stream/" + id + "/playlist.m3u8",
                new UploadGrant("AKIATEST", "secret", "token", "stereospot", "us-east-1", null,
                        "stream_input/" + id + "/", "2026-03-01T13:00:00Z"));
    }

    /** Builds broadcasts that are never started and remembers what each Start handed over. */
    private static final class ScriptedLauncher implements BroadcastLauncher {
        final List<BroadcastListener> events = new ArrayList<>();
        final List<Broadcast> broadcasts = new ArrayList<>();
        final List<String> remoteUrls = new ArrayList<>();
        volatile RuntimeException failWith;
        volatile boolean closed;

        @Override
        public Broadcast launch(CaptureSettings settings, String remoteServerUrl, boolean lanAccess, DepthChoice depth,
                BroadcastListener listener) {
            remoteUrls.add(remoteServerUrl);
            if (failWith != null) {
                throw failWith;
            }
            events.add(listener);
            Broadcast broadcast = Broadcast.builder(settings, new NoServer(), null)
                    .catalog(new ListedSources(PLAYER)).build();
            broadcasts.add(broadcast);
            return broadcast;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Never asked: the broadcasts here are never started. */
    private static final class NoServer implements SessionApi {
        @Override
        public StreamSession create(String mode) {
            throw new UnsupportedOperationException("no server in this test");
        }

        @Override
        public void end(String sessionId, RenewalGrant owner) {
            throw new UnsupportedOperationException("no server in this test");
        }
    }
}
