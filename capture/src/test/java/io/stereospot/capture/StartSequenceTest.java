package io.stereospot.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.capture.ffmpeg.FfmpegProcess;
import io.stereospot.capture.ffmpeg.VideoEncoder;
import io.stereospot.contract.RenewalGrant;
import io.stereospot.capture.session.SessionApi;
import io.stereospot.capture.session.SessionApiException;
import io.stereospot.capture.source.CaptureSource;
import io.stereospot.capture.source.SourceCatalog;
import io.stereospot.capture.testing.RecordingListener;
import io.stereospot.capture.upload.ChunkUploader;
import io.stereospot.contract.StreamSession;
import io.stereospot.contract.UploadGrant;
import io.stereospot.media.testenv.XvfbDisplay;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The steps before FFmpeg runs, each way out of them, on a real X display and catalog. (FFmpeg and the uploads
 * themselves are BroadcastIntegrationTest's.)
 */
class StartSequenceTest {

    private static final CaptureSource.Screen SCREEN = new CaptureSource.Screen(0, 0, 0, 640, 480);

    private static XvfbDisplay display;

    @BeforeAll
    static void startDisplay() {
        display = XvfbDisplay.start(640, 480);
    }

    @AfterAll
    static void stopDisplay() {
        display.close();
    }

    /** Creates sessions as scripted: a failure, or a session whose creation may also ask for a Stop. */
    private static final class Sessions implements SessionApi {
        final AtomicInteger created = new AtomicInteger();
        SessionApiException failure;
        Runnable whileCreating = () -> { };

        @Override
        public StreamSession create(String mode) {
            created.incrementAndGet();
            if (failure != null) {
                throw failure;
            }
            whileCreating.run();
            return new StreamSession("3f2b8c1e", "http://server/playlist.m3u8", new UploadGrant("AKIA", "secret",
                    "token", "bucket", "us-east-1", "http://127.0.0.1:1", "sessions/3f2b8c1e/",
                    "2030-01-01T00:00:00Z"));
        }

        @Override
        public void end(String sessionId, RenewalGrant owner) {
        }
    }

    private final RecordingListener listener = new RecordingListener();
    private final ListenerDispatch events = new ListenerDispatch(listener);
    private final Sessions sessions = new Sessions();
    private final AtomicReference<StopReason> requestedStop = new AtomicReference<>();

    @TempDir
    Path dir;

    private StartSequence.Outcome run(CaptureSource source, Map<String, String> environment) {
        return run(CaptureSettings.defaults(source), environment);
    }

    private StartSequence.Outcome run(CaptureSettings settings, Map<String, String> environment) {
        BroadcastSettings config = Broadcast.builder(settings, sessions, listener)
                .catalog(SourceCatalog.forThisPlatform(environment)).encoderCache(dir.resolve("encoders.json"))
                .fixed();
        return new StartSequence(config, events, requestedStop::get).run(new FfmpegProcess.Events() { },
                new NoUploads(), (chunk, completedAtNanos) -> {
                    throw new AssertionError("no FFmpeg runs in these tests, so no chunk is finished");
                });
    }

    /** The uploader is never made in these tests: its events never come. */
    private static final class NoUploads implements ChunkUploader.Events {
        @Override
        public void uploaded(int index, long bytes, long publishLatencyMs) {
        }

        @Override
        public void failed(int index, String sentence) {
        }
    }

    private static Map<String, String> desktop() {
        Map<String, String> all = new HashMap<>(display.environment());
        all.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        return all;
    }

    @Test
    void aScreenOnWaylandIsRefusedBeforeAnySessionIsCreated() {
        Map<String, String> wayland = Map.of("DISPLAY", ":0", "WAYLAND_DISPLAY", "wayland-0",
                "XDG_SESSION_TYPE", "wayland");
        StartSequence.Outcome outcome = run(SCREEN, wayland);

        assertThat(outcome.refused()).hasValueSatisfying(e -> {
            assertThat(e.reason()).isEqualTo(StopReason.CAPTURE_UNSUPPORTED);
            assertThat(e.sentence()).contains("Wayland").contains("black");
        });
        assertThat(sessions.created).hasValue(0);
        assertThat(outcome.parts()).isEqualTo(BroadcastParts.NONE);
    }

    @Test
    void aWindowThatIsNotThereAsksForAnotherSource() {
        CaptureSource.Window gone = new CaptureSource.Window(0x7ffffffL, "Closed meanwhile", 640, 480);

        Optional<Ending> ending = run(gone, desktop()).refused();

        assertThat(ending).contains(new Ending(StopReason.SOURCE_LOST, "The window \"Closed meanwhile\" is not"
                + " there any more (closed or hidden): pick another source."));
        assertThat(sessions.created).hasValue(0);
    }

    /** This machine has no GPU: NVENC asked for by name stops the start with FFmpeg's reason, no fallback. */
    @Test
    void anEncoderAskedForByNameThatDoesNotWorkHereStopsBeforeAnySession() {
        StartSequence.Outcome outcome = run(CaptureSettings.defaults(SCREEN).withEncoder(VideoEncoder.NVENC),
                desktop());

        assertThat(outcome.refused()).hasValueSatisfying(e -> {
            assertThat(e.reason()).isEqualTo(StopReason.ENCODER_FAILED);
            assertThat(e.sentence()).startsWith("The nvenc encoder (h264_nvenc) does not work on this computer:"
                    + " Cannot load libcuda.so.1.");
        });
        assertThat(sessions.created).hasValue(0);
        assertThat(outcome.parts()).isEqualTo(BroadcastParts.NONE);
        assertThat(dir.resolve("encoders.json")).as("the probe's answer is kept").isRegularFile();
    }

    @Test
    void aStopAskedBeforeTheSessionCreatesNone() {
        requestedStop.set(StopReason.USER_REQUESTED);

        StartSequence.Outcome outcome = run(SCREEN, desktop());

        assertThat(outcome.refused()).contains(new Ending(StopReason.USER_REQUESTED, null));
        assertThat(sessions.created).hasValue(0);
        assertThat(outcome.parts()).isEqualTo(BroadcastParts.NONE);
    }

    @Test
    void aStopAskedWhileTheSessionIsCreatedKeepsTheSessionToEndItAndStartsNothingElse() {
        sessions.whileCreating = () -> requestedStop.set(StopReason.USER_REQUESTED);
        StartSequence.Outcome outcome = run(SCREEN, desktop());
        events.close(Duration.ofSeconds(10));

        assertThat(outcome.refused()).contains(new Ending(StopReason.USER_REQUESTED, null));
        BroadcastParts parts = outcome.parts();
        assertThat(parts.session().sessionId()).isEqualTo("3f2b8c1e");
        assertThat(listener.sessions).extracting(StreamSession::sessionId).containsExactly("3f2b8c1e");
        assertThat(parts.spool()).isNull();
        assertThat(parts.chunkStore()).isNull();
        assertThat(parts.uploader()).isNull();
        assertThat(parts.segments()).isNull();
        assertThat(parts.stamps()).isNull();
        assertThat(parts.ffmpeg()).isNull();
    }

    @Test
    void theServersAnswerDecidesTheReason() {
        sessions.failure = new SessionApiException("Could not create a session: nothing listens", 0, null);
        assertThat(run(SCREEN, desktop()).refused()).contains(new Ending(StopReason.SERVER_UNREACHABLE,
                "Could not create a session: nothing listens"));

        sessions.failure = new SessionApiException("The stream server refused: 400", 400, null);
        assertThat(run(SCREEN, desktop()).refused()).contains(new Ending(StopReason.SERVER_REJECTED,
                "The stream server refused: 400"));
    }
}
