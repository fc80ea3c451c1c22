package io.stereospot.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.capture.source.AudioSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audio inputs a broadcast asks FFmpeg for, and the warning for each asked for and missing. */
class AudioChoiceTest {

    private static final AudioSource SYSTEM = AudioSource.system("System audio", "sink.monitor");
    private static final AudioSource MIC = AudioSource.microphone("Microphone", "mic");

    @Test
    void audioIsWhatWasAskedForAndThereIsWithAWarningForWhatIsMissing() {
        assertThat(chooseAudio(false, false, List.of(SYSTEM, MIC))).isEmpty();
        assertThat(chooseAudio(true, true, List.of(MIC, SYSTEM))).containsExactly(SYSTEM, MIC);

        List<String> warnings = new ArrayList<>();
        assertThat(AudioChoice.choose(true, true, () -> List.of(MIC), warnings::add)).containsExactly(MIC);
        assertThat(AudioChoice.choose(true, false, List::of, warnings::add)).isEmpty();
        assertThat(AudioChoice.choose(true, true, () -> List.of(SYSTEM), warnings::add))
                .containsExactly(SYSTEM);
        assertThat(AudioChoice.choose(false, true, List::of, warnings::add)).isEmpty();
        assertThat(warnings).containsExactly(
                "System audio cannot be captured on this computer: the stream carries the microphone only.",
                "System audio cannot be captured on this computer: the stream carries silence.",
                "No microphone was found: the stream carries system audio only.",
                "No microphone was found: the stream carries silence.");
    }

    @Test
    void noAudioAskedForAsksTheComputerNothing() {
        assertThat(AudioChoice.choose(false, false, () -> {
            throw new AssertionError("the audio list was asked for");
        }, w -> { })).isEmpty();
    }

    private static List<AudioSource> chooseAudio(boolean system, boolean mic, List<AudioSource> available) {
        return AudioChoice.choose(system, mic, () -> available, w -> {
            throw new AssertionError("unexpected warning: " + w);
        });
    }
}
