package io.stereospot.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.capture.source.CaptureSource;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The stall and lost-window rules, on a clock the test moves. */
class CaptureWatchdogTest {

    private static final CaptureSource.Screen SCREEN = new CaptureSource.Screen(0, 0, 0, 640, 480);
    private static final CaptureSource.Window WINDOW = new CaptureSource.Window(0x1e00003L, "Video", 640, 480);
    private static final long MS = 1_000_000;

    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final CaptureWatchdog watchdog = new CaptureWatchdog(5000, now::get);

    @Test
    void framesComingKeepItQuietAndFiveSecondsWithoutOneStopTheScreen() {
        watchdog.frames(30);
        now.addAndGet(4000 * MS);
        watchdog.frames(150);
        now.addAndGet(5000 * MS);
        assertThat(watchdog.check(SCREEN, () -> true, true, () -> "")).isEmpty();

        watchdog.frames(150);
        now.addAndGet(1 * MS);
        assertThat(watchdog.check(SCREEN, () -> true, true, () -> "x11grab: frame lost"))
                .contains(new Ending(StopReason.ENCODER_FAILED, "FFmpeg produced no new frame for 5 s, so the"
                        + " broadcast stopped. Its last message: x11grab: frame lost"));
        assertThat(watchdog.check(SCREEN, () -> true, true, () -> ""))
                .hasValueSatisfying(e -> assertThat(e.sentence()).endsWith("so the broadcast stopped."));
    }

    @Test
    void aStalledWindowIsALostSource() {
        watchdog.restart();
        now.addAndGet(7500 * MS);
        assertThat(watchdog.check(WINDOW, () -> true, true, () -> "")).contains(new Ending(StopReason.SOURCE_LOST,
                "FFmpeg produced no new frame for 7 s, so the broadcast stopped."));
    }

    @Test
    void noStallIsReportedWhileFfmpegIsNotRunning() {
        now.addAndGet(60_000 * MS);
        assertThat(watchdog.check(SCREEN, () -> true, false, () -> "")).isEmpty();
    }

    @Test
    void restartBeginsTheWaitForFramesAgain() {
        now.addAndGet(60_000 * MS);
        watchdog.restart();
        now.addAndGet(4000 * MS);
        assertThat(watchdog.check(SCREEN, () -> true, true, () -> "")).isEmpty();
    }

    @Test
    void aWindowThatIsGoneStopsAtOnceAndOnlyWindowsAreAskedAbout() {
        AtomicInteger asked = new AtomicInteger();
        assertThat(watchdog.check(WINDOW, () -> asked.incrementAndGet() < 0, true, () -> ""))
                .contains(new Ending(StopReason.SOURCE_LOST, "The window \"Video\" was closed or hidden, so there"
                        + " was nothing left to capture; the broadcast stopped."));
        assertThat(watchdog.check(SCREEN, () -> asked.incrementAndGet() < 0, true, () -> "")).isEmpty();
        assertThat(asked).as("a screen never runs the window check").hasValue(1);
    }

    @Test
    void onlyX11grabsLineAboutAWindowMeansTheWindowMayBeGone() {
        String line = "[x11grab @ 0x55] Cannot get the image data event_error: response_type:0 error_code:8";
        assertThat(CaptureWatchdog.mayMeanWindowGone(line, WINDOW)).isTrue();
        assertThat(CaptureWatchdog.mayMeanWindowGone(line, SCREEN)).isFalse();
        assertThat(CaptureWatchdog.mayMeanWindowGone("frame dropped", WINDOW)).isFalse();
    }
}
