package io.stereospot.capture;

import io.stereospot.capture.ffmpeg.EncoderExit;
import io.stereospot.capture.ffmpeg.FfmpegProcess;
import io.stereospot.capture.source.CaptureSource;
import io.stereospot.capture.source.SourceCatalog;
import java.time.Duration;
import java.util.Optional;

/**
 * Why a broadcast's capture ends by itself, each as the {@link Ending} its run finishes with: the picture's feed
 * ended, frames stopped coming ({@link CaptureWatchdog}), FFmpeg exited, or FFmpeg wrote a line that means the window
 * is gone.
 */
final class CaptureEndings {

    /** No new frame for this long while FFmpeg runs: the grabber is stuck (window gone, display gone). */
    private static final long STALL_MS = 5000;
    private static final Duration VIDEO_EXIT_WAIT = Duration.ofSeconds(2);

    private final SourceCatalog catalog;
    private final CaptureSource source;
    private final CaptureWatchdog watchdog = new CaptureWatchdog(STALL_MS, System::nanoTime);

    CaptureEndings(SourceCatalog catalog, CaptureSource source) {
        this.catalog = catalog;
        this.source = source;
    }

    /** An FFmpeg has just started: its frames are awaited from now. */
    void encoderStarted() {
        watchdog.restart();
    }

    /** The running FFmpeg has made {@code count} frames so far. */
    void frames(long count) {
        watchdog.frames(count);
    }

    /** Once a second while FFmpeg runs: has the feed ended, is the window still there, are frames still coming? */
    Optional<Ending> check(BroadcastParts parts) {
        PictureFeed video = parts.video();
        FfmpegProcess process = parts.ffmpeg();
        return video.ended(Duration.ZERO).or(() -> watchdog.check(source, () -> catalog.isAvailable(source),
                process.isAlive(), process::lastErrorLine).map(video::explainStall));
    }

    /** FFmpeg exited with {@code status} unasked. FFmpeg ends when the feed it reads ends: then the feed says why. */
    Ending exited(BroadcastParts parts, int status) {
        return parts.video().ended(VIDEO_EXIT_WAIT).orElseGet(() ->
                source instanceof CaptureSource.Window && !catalog.isAvailable(source)
                        ? new Ending(StopReason.SOURCE_LOST, StopSentences.sourceLost(source, true))
                        : new Ending(StopReason.ENCODER_FAILED,
                                EncoderExit.sentence(catalog.platform(), status, parts.ffmpeg().lastErrorLine())));
    }

    /** A line FFmpeg wrote to stderr: whether it means the captured window is gone. */
    Optional<Ending> windowGone(String line) {
        return CaptureWatchdog.mayMeanWindowGone(line, source) && !catalog.isAvailable(source)
                ? Optional.of(new Ending(StopReason.SOURCE_LOST, StopSentences.sourceLost(source, true)))
                : Optional.empty();
    }
}
