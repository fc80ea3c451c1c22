package io.stereospot.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stereospot.capture.session.SessionClient;
import io.stereospot.capture.source.CaptureSource;
import io.stereospot.capture.source.SourceCatalog;
import io.stereospot.capture.testing.RecordingListener;
import io.stereospot.media.testenv.XvfbDisplay;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The state machine's edges that need no capture: before start, refusals at start, stop from a listener. */
class BroadcastLifecycleTest {

    private static final CaptureSource.Screen SCREEN = new CaptureSource.Screen(0, 0, 0, 640, 480);

    private static URI nothingListening() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    @Test
    void stopBeforeStartJustStopsAndAStartedBroadcastCannotStartAgain() throws Exception {
        RecordingListener events = new RecordingListener();
        Broadcast idle = Broadcast.builder(CaptureSettings.defaults(SCREEN),
                new SessionClient(nothingListening()), events).catalog(SourceCatalog.forThisPlatform(Map.of())).build();
        assertThat(idle.state()).isEqualTo(BroadcastState.IDLE);
        assertThat(idle.stop()).isEqualTo(BroadcastState.STOPPED);
        assertThat(idle.stopReason()).contains(StopReason.USER_REQUESTED);
        assertThatThrownBy(idle::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void thePlainConstructorUsesThisComputersCatalog() throws Exception {
        // Whatever this machine offers (no display here, or one), the start ends in a reason, not a crash.
        Broadcast broadcast = new Broadcast(CaptureSettings.defaults(SCREEN), new SessionClient(nothingListening()),
                new RecordingListener());
        broadcast.start();
        assertThat(broadcast.termination().get(20, TimeUnit.SECONDS)).isEqualTo(BroadcastState.FAILED);
        assertThat(broadcast.stopReason()).isPresent().get().isNotEqualTo(StopReason.INTERNAL_ERROR);
        assertThat(broadcast.failureMessage()).isPresent();
    }

    @Test
    void anUnreachableServerFailsTheStartWithASentence() throws Exception {
        try (XvfbDisplay display = XvfbDisplay.start(640, 480)) {
            RecordingListener events = new RecordingListener();
            URI server = nothingListening();
            Broadcast broadcast = Broadcast.builder(CaptureSettings.defaults(SCREEN), new SessionClient(server),
                    events).catalog(SourceCatalog.forThisPlatform(withPath(display.environment()))).build();
            broadcast.start();
            assertThat(broadcast.termination().get(20, TimeUnit.SECONDS)).isEqualTo(BroadcastState.FAILED);
            assertThat(broadcast.stopReason()).contains(StopReason.SERVER_UNREACHABLE);
            assertThat(broadcast.failureMessage()).contains("Could not create a session: the stream server at "
                    + server + "/ cannot be reached (nothing is listening there).");
            assertThat(events.states).containsExactly(BroadcastState.STARTING, BroadcastState.STOPPING,
                    BroadcastState.FAILED);
            assertThat(events.sessions).isEmpty();
        }
    }

    @Test
    void aScreenOnWaylandIsRefusedInsteadOfStreamedBlack() throws Exception {
        Map<String, String> wayland = new HashMap<>(Map.of("DISPLAY", ":0", "WAYLAND_DISPLAY", "wayland-0",
                "XDG_SESSION_TYPE", "wayland"));
        RecordingListener events = new RecordingListener();
        Broadcast broadcast = Broadcast.builder(CaptureSettings.defaults(SCREEN),
                new SessionClient(nothingListening()), events).catalog(SourceCatalog.forThisPlatform(wayland)).build();
        broadcast.start();
        assertThat(broadcast.termination().get(20, TimeUnit.SECONDS)).isEqualTo(BroadcastState.FAILED);
        assertThat(broadcast.stopReason()).contains(StopReason.CAPTURE_UNSUPPORTED);
        assertThat(broadcast.failureMessage()).hasValueSatisfying(m -> assertThat(m).contains("Wayland")
                .contains("black"));
    }

    @Test
    void stopCalledFromAListenerDoesNotWaitOnItself() throws Exception {
        try (XvfbDisplay display = XvfbDisplay.start(640, 480)) {
            AtomicReference<Broadcast> self = new AtomicReference<>();
            AtomicReference<BroadcastState> returned = new AtomicReference<>();
            AtomicReference<Duration> stopTook = new AtomicReference<>();
            AtomicReference<Throwable> thrownInListener = new AtomicReference<>();
            RecordingListener events = new RecordingListener() {
                @Override
                public void stateChanged(BroadcastState state) {
                    super.stateChanged(state);
                    if (state == BroadcastState.STARTING) {
                        // Measured here, judged on the test thread: a failure on the notifier thread is only logged.
                        try {
                            long before = System.nanoTime();
                            returned.set(self.get().stop());
                            stopTook.set(Duration.ofNanos(System.nanoTime() - before));
                        } catch (Throwable t) {
                            thrownInListener.set(t);
                        }
                    }
                }
            };
            Broadcast broadcast = Broadcast.builder(CaptureSettings.defaults(SCREEN),
                    new SessionClient(nothingListening()), events)
                    .catalog(SourceCatalog.forThisPlatform(withPath(display.environment()))).build();
            self.set(broadcast);
            broadcast.start();
            BroadcastState end = broadcast.termination().get(20, TimeUnit.SECONDS);
            // Every listener call is over once termination completes: what they recorded is final.
            assertThat(thrownInListener.get()).as("stop() from the listener threw").isNull();
            assertThat(stopTook.get()).as("stop() from the listener returned").isNotNull()
                    .isLessThan(Duration.ofSeconds(1));
            assertThat(returned.get()).isNotNull();
            assertThat(end).isIn(BroadcastState.STOPPED, BroadcastState.FAILED);
        }
    }

    private static Map<String, String> withPath(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        return all;
    }
}
