package io.stereospot.capture.ffmpeg;

/**
 * How each audio input is stamped and aligned before the encoder: FFmpeg filter text, a pure value.
 *
 * <p>PulseAudio (Linux): each fragment is stamped with the wall clock when it arrives
 * ({@code -use_wallclock_as_timestamps 1}). Those stamps carry the machine's scheduling jitter (a fragment read late
 * is stamped late), and following them turned a busy machine's jitter into gaps and cuts (32–214 in 25 s:
 * {@code aresample} fills or trims whenever stamps and samples disagree by 0.1 s). Counting samples from the first
 * stamp removes the jitter but follows the sound card's clock, which drifts from the wall clock (and the picture)
 * by its tolerance: 0.3 % moved the sound 3.00 ms a second (docs/benchmarks.md, "Sound-card clock drift").
 * So the stamps are counted samples plus an offset that follows the lower envelope of (arrival - count): a late
 * fragment is above the envelope and does not move it; a card running fast pulls it down at once; a card running
 * slow lets it rise, by at most {@value #ENVELOPE_RISE_PER_S} of the time elapsed. {@code aresample} then stretches
 * or squeezes the samples to those stamps by at most {@value #SOFT_COMPENSATION_PER_S} samples a second (1 %, a
 * pitch change no one hears), and fills or trims only past 0.1 s, as before.
 *
 * <p>Elsewhere (the Windows helper's PCM, lavfi's silence) the stamps are the input's own, and only that fill or
 * trim applies.
 */
final class AudioStamps {

    /**
     * How fast the offset's envelope may rise (s per s): 2,000 ppm, several times a sound card's tolerance, yet a
     * machine so busy that every fragment comes late for 10 s lifts it only 20 ms, which {@code aresample} then
     * squeezes back instead of trimming.
     */
    static final double ENVELOPE_RISE_PER_S = 0.002;
    /** {@code aresample}'s largest stretch or squeeze, in samples per second at 48 kHz: 1 %. */
    static final int SOFT_COMPENSATION_PER_S = 480;

    private AudioStamps() {
    }

    /** The filters between an audio input and the mix or the encoder; {@code pulse}: stamped on arrival. */
    static String align(boolean pulse) {
        if (!pulse) {
            return "aresample=async=1:first_pts=0";
        }
        // ld(0): the envelope, s; ld(1): this fragment's arrival less its count, s. N counts the samples before it.
        return "asetpts='st(1,(PTS-STARTPTS)*TB-N/SR);"
                + "st(0,if(eq(N,0),0,min(ld(0)+" + ENVELOPE_RISE_PER_S + "*NB_SAMPLES/SR,ld(1))));"
                + "STARTPTS+(N/SR+ld(0))/TB',aresample=async=" + SOFT_COMPENSATION_PER_S + ":first_pts=0";
    }
}
