package io.stereospot.capture;

import io.stereospot.capture.source.CaptureSource;
import io.stereospot.capture.source.SourceUnavailableException;
import io.stereospot.media.MediaToolsUnavailableException;
import java.io.IOException;
import java.time.Duration;

/** The sentences a person reads when a broadcast stops by itself: what happened, and what to do about it. */
final class StopSentences {

    private StopSentences() {
    }

    /** The source went away: before the start (pick another) or during the capture (it stopped). */
    static String sourceLost(CaptureSource source, boolean duringCapture) {
        if (source instanceof CaptureSource.Window w) {
            String name = w.title().isBlank() ? w.hexHandle() : "\"" + w.title() + "\"";
            return duringCapture
                    ? "The window " + name + " was closed or hidden, so there was nothing left to capture;"
                            + " the broadcast stopped."
                    : "The window " + name + " is not there any more (closed or hidden): pick another source.";
        }
        return "The screen " + source.id() + " cannot be captured any more; the broadcast stopped.";
    }

    /** FFmpeg runs but no frame came for a while; its last message says why, when it said anything. */
    static String stalled(long stalledMs, String lastEncoderLine) {
        return "FFmpeg produced no new frame for " + stalledMs / 1000 + " s, so the broadcast stopped"
                + (lastEncoderLine.isEmpty() ? "." : ". Its last message: " + lastEncoderLine);
    }

    /** The start failed on something other than the session: the source's feed, FFmpeg, or a bug. */
    static Ending couldNotStart(Exception e) {
        if (e instanceof SourceUnavailableException unavailable) {
            // The portal's own sentences: none there, the dialog cancelled, GStreamer's PipeWire plugin missing.
            return new Ending(unavailable.cancelled() ? StopReason.SOURCE_LOST : StopReason.CAPTURE_UNSUPPORTED,
                    e.getMessage());
        }
        if (e instanceof IOException || e instanceof MediaToolsUnavailableException) {
            return new Ending(StopReason.ENCODER_FAILED, "FFmpeg could not be started: " + e.getMessage());
        }
        return new Ending(StopReason.INTERNAL_ERROR, "The broadcast could not start: " + e);
    }

    /** "2 min", "90 s": a length for a sentence. */
    static String span(Duration length) {
        long s = length.toSeconds();
        return s >= 120 && s % 60 == 0 ? s / 60 + " min" : s + " s";
    }

    /** A failure that came without a sentence of its own. */
    static String failed(StopReason reason) {
        return "The broadcast failed (" + reason + ").";
    }
}
