package io.stereospot.capture;

import io.stereospot.capture.source.CaptureSource;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Notices a capture that ended without FFmpeg exiting: the window was closed or hidden, or no new frame came for
 * a while (the grabber is stuck: window gone, display gone). Asked once a second; counts frames from FFmpeg's
 * progress reports.
 */
final class CaptureWatchdog {

    /** x11grab writes this for every frame of a window that is unmapped or gone. */
    private static final String WINDOW_GONE_LINE = "Cannot get the image data";

    private final long stallMs;
    private final LongSupplier nanoTime;
    private volatile long lastFrameCount = -1;
    private volatile long lastAdvanceNanos;

    /**
     * @param stallMs  how long without a new frame, while FFmpeg runs, means the capture is stuck
     * @param nanoTime the clock ({@code System::nanoTime})
     */
    CaptureWatchdog(long stallMs, LongSupplier nanoTime) {
        this.stallMs = stallMs;
        this.nanoTime = nanoTime;
        this.lastAdvanceNanos = nanoTime.getAsLong();
    }

    /** FFmpeg has just started (again, after a step-down, counting from 0): the wait for frames begins now. */
    void restart() {
        lastFrameCount = -1;
        lastAdvanceNanos = nanoTime.getAsLong();
    }

    /** FFmpeg's frame count so far; a higher count than before is a sign of life. */
    void frames(long count) {
        if (count > lastFrameCount) {
            lastFrameCount = count;
            lastAdvanceNanos = nanoTime.getAsLong();
        }
    }

    /**
     * @param stillThere     whether the source can still be captured (asked for windows only: it runs a program)
     * @param encoderRunning whether FFmpeg still runs (an exit is reported on its own)
     * @param lastEncoderLine FFmpeg's last stderr line, for the sentence
     * @return how the broadcast has to end, or empty while all is well
     */
    Optional<Ending> check(CaptureSource source, BooleanSupplier stillThere, boolean encoderRunning,
            Supplier<String> lastEncoderLine) {
        boolean window = source instanceof CaptureSource.Window;
        if (window && !stillThere.getAsBoolean()) {
            return Optional.of(new Ending(StopReason.SOURCE_LOST, StopSentences.sourceLost(source, true)));
        }
        long stalledMs = (nanoTime.getAsLong() - lastAdvanceNanos) / 1_000_000;
        if (encoderRunning && stalledMs > stallMs) {
            return Optional.of(new Ending(window ? StopReason.SOURCE_LOST : StopReason.ENCODER_FAILED,
                    StopSentences.stalled(stalledMs, lastEncoderLine.get())));
        }
        return Optional.empty();
    }

    /** A line of FFmpeg's stderr that can mean the captured window is gone: worth checking at once. */
    static boolean mayMeanWindowGone(String stderrLine, CaptureSource source) {
        return stderrLine.contains(WINDOW_GONE_LINE) && source instanceof CaptureSource.Window;
    }
}
