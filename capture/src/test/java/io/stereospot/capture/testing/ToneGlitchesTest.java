package io.stereospot.capture.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The glitch counter on made-up sound, where the answer is known. */
class ToneGlitchesTest {

    private static final int RATE = ToneGlitches.RATE;

    /** {@code seconds} of a 440 Hz tone at half scale, starting {@code silentS} seconds in, phase from sample 0. */
    private static short[] tone(double seconds, double silentS) {
        short[] out = new short[(int) (seconds * RATE)];
        for (int i = (int) (silentS * RATE); i < out.length; i++) {
            out[i] = (short) Math.round(16_384 * Math.sin(2 * Math.PI * 440 * i / RATE));
        }
        return out;
    }

    private static short[] join(short[] a, short[] b) {
        short[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void aWholeToneHasNoBreakAndStartsWhereItStarts() {
        ToneGlitches.Result r = ToneGlitches.analyse(tone(10, 0.4), 440, 0.5);
        assertThat(r.glitches()).isZero();
        assertThat(r.toneStartS()).isCloseTo(0.4, within(0.006));
        assertThat(r.seconds()).isCloseTo(10 - 0.4 - 0.5 - 0.1, within(0.01));
    }

    @Test
    void aCutOfOneSampleASilenceAndARepeatAreOneBreakEach() {
        short[] whole = tone(12, 0);
        short[] cut = join(Arrays.copyOfRange(whole, 0, 2 * RATE), Arrays.copyOfRange(whole, 2 * RATE + 1,
                whole.length));
        assertThat(ToneGlitches.analyse(cut, 440, 0.5).glitches()).as("one sample skipped").isEqualTo(1);

        short[] silence = whole.clone();
        Arrays.fill(silence, 4 * RATE, 4 * RATE + RATE / 10, (short) 0);
        assertThat(ToneGlitches.analyse(silence, 440, 0.5).glitches()).as("100 ms of silence").isEqualTo(1);

        short[] repeat = join(Arrays.copyOfRange(whole, 0, 6 * RATE), Arrays.copyOfRange(whole, 6 * RATE - 480,
                whole.length));
        assertThat(ToneGlitches.analyse(repeat, 440, 0.5).glitches()).as("10 ms played twice").isEqualTo(1);
    }

    @Test
    void aStreamSilentMostOfTheTimeIsFullOfBreaksNotClean() {
        short[] sound = tone(10, 0);
        for (int s = 1; s < 10; s++) {
            Arrays.fill(sound, s * RATE, s * RATE + 3 * RATE / 4, (short) 0);
        }
        assertThat(ToneGlitches.analyse(sound, 440, 0.5).glitches()).isGreaterThanOrEqualTo(8);
    }
}
