package io.stereospot.capture;

import io.stereospot.capture.source.AudioSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The audio inputs asked for that this computer has: system audio first, then the microphone. A missing one is a
 * warning, not a failure: the stream carries what there is, or silence.
 */
final class AudioChoice {

    private AudioChoice() {
    }

    /** @param available asked only when some audio is wanted: listing the devices costs a query of the system */
    static List<AudioSource> choose(boolean systemAudio, boolean microphone, Supplier<List<AudioSource>> available,
            Consumer<String> warn) {
        List<AudioSource> audio = new ArrayList<>();
        if (!systemAudio && !microphone) {
            return audio;
        }
        List<AudioSource> all = available.get();
        if (systemAudio) {
            all.stream().filter(a -> a.kind() == AudioSource.Kind.SYSTEM).findFirst().ifPresentOrElse(
                    audio::add, () -> warn.accept("System audio cannot be captured on this computer: the stream"
                            + " carries " + (microphone ? "the microphone only." : "silence.")));
        }
        if (microphone) {
            all.stream().filter(a -> a.kind() == AudioSource.Kind.MICROPHONE).findFirst().ifPresentOrElse(
                    audio::add, () -> warn.accept("No microphone was found: the stream carries "
                            + (audio.isEmpty() ? "silence." : "system audio only.")));
        }
        return audio;
    }
}
