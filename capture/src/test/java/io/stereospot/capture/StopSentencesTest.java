package io.stereospot.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.capture.source.CaptureSource;
import io.stereospot.capture.source.SourceUnavailableException;
import io.stereospot.media.MediaToolsUnavailableException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The sentences a person reads, word for word: changing one is a decision, not an accident. */
class StopSentencesTest {

    @Test
    void aLostSourceSaysWhatWentAndWhatToDo() {
        CaptureSource.Window titled = new CaptureSource.Window(0x1e00003L, "Video – Browser", 640, 480);
        CaptureSource.Window untitled = new CaptureSource.Window(0x1e00003L, " ", 640, 480);
        assertThat(StopSentences.sourceLost(titled, true)).isEqualTo("The window \"Video – Browser\" was closed or"
                + " hidden, so there was nothing left to capture; the broadcast stopped.");
        assertThat(StopSentences.sourceLost(titled, false)).isEqualTo("The window \"Video – Browser\" is not there"
                + " any more (closed or hidden): pick another source.");
        assertThat(StopSentences.sourceLost(untitled, false)).isEqualTo("The window " + untitled.hexHandle()
                + " is not there any more (closed or hidden): pick another source.");
        assertThat(StopSentences.sourceLost(new CaptureSource.Screen(1, 0, 0, 640, 480), true))
                .isEqualTo("The screen screen:1 cannot be captured any more; the broadcast stopped.");
    }

    @Test
    void aStallGivesFfmpegsLastWordWhenThereIsOne() {
        assertThat(StopSentences.stalled(5999, "")).isEqualTo(
                "FFmpeg produced no new frame for 5 s, so the broadcast stopped.");
        assertThat(StopSentences.stalled(6000, "Broken pipe")).isEqualTo(
                "FFmpeg produced no new frame for 6 s, so the broadcast stopped. Its last message: Broken pipe");
    }

    @Test
    void aStartThatFailsBlamesFfmpegOnlyWhenItWasFfmpeg() {
        assertThat(StopSentences.couldNotStart(new IOException("Cannot run program \"ffmpeg\"")))
                .isEqualTo(new Ending(StopReason.ENCODER_FAILED,
                        "FFmpeg could not be started: Cannot run program \"ffmpeg\""));
        assertThat(StopSentences.couldNotStart(new MediaToolsUnavailableException("no ffmpeg for this platform", null)))
                .isEqualTo(new Ending(StopReason.ENCODER_FAILED,
                        "FFmpeg could not be started: no ffmpeg for this platform"));
        assertThat(StopSentences.couldNotStart(new IllegalStateException("a bug"))).isEqualTo(new Ending(
                StopReason.INTERNAL_ERROR, "The broadcast could not start: java.lang.IllegalStateException: a bug"));
        assertThat(StopSentences.failed(StopReason.UPLOAD_FAILED))
                .isEqualTo("The broadcast failed (UPLOAD_FAILED).");
    }

    @Test
    void thePortalsSentencesEndTheStartAsTheyAre() {
        String cancelled = "The screen sharing was cancelled in the system's dialog, so there is nothing to capture.";
        assertThat(StopSentences.couldNotStart(new SourceUnavailableException(cancelled, true)))
                .isEqualTo(new Ending(StopReason.SOURCE_LOST, cancelled));
        String missing = "GStreamer's PipeWire plugin is missing";
        assertThat(StopSentences.couldNotStart(new SourceUnavailableException(missing)))
                .isEqualTo(new Ending(StopReason.CAPTURE_UNSUPPORTED, missing));
    }
}
