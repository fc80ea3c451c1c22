package io.stereospot.capture.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Counts what a listener would hear as a break in a pure tone: gaps, clicks, repeats and phase jumps. The one
 * glitch counter of the project: ToneContinuityIntegrationTest and scripts/bench-viewing.sh both use it (the script
 * through {@link #main}).
 *
 * <p>How: for a sine of angular step w, {@code x[n+1] - 2cos(w)x[n] + x[n-1]} is zero; AAC's noise keeps it a few
 * percent of the tone's amplitude, while a cut, a repeat or a phase jump makes it spike. Silences (a 5 ms window far
 * below the tone's level) count too. Spikes and silences closer than {@value #MERGE_MS} ms count as one glitch.
 */
public final class ToneGlitches {

    public static final int RATE = 48_000;
    /** A residual above this share of the tone's amplitude is a break (a clean tone through AAC at 128k stays under 0.001; a one-sample skip of a 440 Hz tone reaches 0.05). */
    static final double RESIDUAL_LIMIT = 0.02;
    /** A 5 ms window whose RMS is under this share of the tone's RMS (-20 dB) is a silence. */
    static final double SILENCE_LIMIT = 0.1;
    static final int WINDOW = RATE / 200;
    static final int MERGE_MS = 20;

    /**
     * @param glitches       how many breaks, after the skipped start
     * @param seconds        how long the analysed part is
     * @param toneStartS     where the tone first reaches half its level, from the first sample (s); -1 if never
     * @param firstGlitchesS the first few breaks' times from the first sample (s)
     */
    public record Result(int glitches, double seconds, double toneStartS, List<Double> firstGlitchesS) {

        public double perMinute() {
            return seconds == 0 ? 0 : glitches * 60 / seconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d glitches in %.1f s (%.1f/min), tone from %.3f s, first at %s",
                    glitches, seconds, perMinute(), toneStartS, firstGlitchesS);
        }
    }

    private ToneGlitches() {
    }

    /**
     * @param samples mono 48 kHz samples
     * @param toneHz  the tone's frequency
     * @param skipS   seconds after the tone's start not judged (a stream's first moments)
     */
    public static Result analyse(short[] samples, double toneHz, double skipS) {
        double amplitude = amplitude(samples);
        int start = toneStart(samples, amplitude);
        if (start < 0) {
            return new Result(0, 0, -1, List.of());
        }
        int from = Math.min(samples.length, start + (int) Math.round(skipS * RATE));
        // The last 0.1 s may hold the encoder's last partial frame fading out: not judged.
        int to = Math.max(from, samples.length - RATE / 10);
        double c = 2 * Math.cos(2 * Math.PI * toneHz / RATE);
        List<Integer> events = new ArrayList<>();
        double rmsLimit = SILENCE_LIMIT * amplitude / Math.sqrt(2);
        for (int w = from; w + WINDOW <= to; w += WINDOW) {
            double sum = 0;
            for (int i = w; i < w + WINDOW; i++) {
                sum += (double) samples[i] * samples[i];
            }
            if (Math.sqrt(sum / WINDOW) < rmsLimit) {
                events.add(w);
            }
        }
        double residualLimit = RESIDUAL_LIMIT * amplitude;
        for (int n = Math.max(1, from); n < to - 1; n++) {
            if (Math.abs(samples[n + 1] - c * samples[n] + samples[n - 1]) > residualLimit) {
                events.add(n);
            }
        }
        events.sort(null);
        int glitches = 0;
        int last = Integer.MIN_VALUE / 2;
        List<Double> first = new ArrayList<>();
        for (int at : events) {
            if (at - last > MERGE_MS * RATE / 1000) {
                glitches++;
                if (first.size() < 10) {
                    first.add(Math.round(at * 1000.0 / RATE) / 1000.0);
                }
            }
            last = at;
        }
        return new Result(glitches, (to - from) / (double) RATE, start / (double) RATE, first);
    }

    /**
     * The tone's peak amplitude, from the 90th percentile of the 5 ms windows' RMS: a stream that is silent most of
     * the time still shows the tone's level, and its silences count as breaks.
     */
    static double amplitude(short[] samples) {
        int windows = samples.length / WINDOW;
        if (windows == 0) {
            return 0;
        }
        double[] rms = new double[windows];
        for (int w = 0; w < windows; w++) {
            double sum = 0;
            for (int i = w * WINDOW; i < (w + 1) * WINDOW; i++) {
                sum += (double) samples[i] * samples[i];
            }
            rms[w] = Math.sqrt(sum / WINDOW);
        }
        Arrays.sort(rms);
        return rms[windows * 9 / 10] * Math.sqrt(2);
    }

    /** The first sample of the first 5 ms window at over half the tone's RMS, or -1. */
    static int toneStart(short[] samples, double amplitude) {
        double limit = 0.5 * amplitude / Math.sqrt(2);
        if (amplitude < 100) {
            return -1;
        }
        for (int w = 0; w + WINDOW <= samples.length; w += WINDOW) {
            double sum = 0;
            for (int i = w; i < w + WINDOW; i++) {
                sum += (double) samples[i] * samples[i];
            }
            if (Math.sqrt(sum / WINDOW) > limit) {
                return w;
            }
        }
        return -1;
    }

    /** Raw signed 16-bit little-endian mono samples, as {@code parecord --raw} or {@code ffmpeg -f s16le} write. */
    public static short[] samples(byte[] s16le) {
        short[] out = new short[s16le.length / 2];
        ByteBuffer.wrap(s16le).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
        return out;
    }

    /**
     * The sound of a media file or URL (a playlist included) as the system's FFmpeg decodes it: an independent
     * decoder, not the bundled one that made the stream. A hole of over 0.1 s in the audio's timestamps is filled
     * with silence ({@code aresample=async=1}), as a player keeping time would play it, so it counts as a break.
     */
    public static Result ofMedia(String input, double toneHz, double skipS) {
        return analyse(mediaSamples(input), toneHz, skipS);
    }

    /** The decoded sound {@link #ofMedia} judges: mono 48 kHz samples, holes filled with silence. */
    public static short[] mediaSamples(String input) {
        return samples(ChunkProbe.runBytes(List.of("ffmpeg", "-v", "error", "-i", input, "-map", "0:a:0",
                "-af", "aresample=async=1", "-ac", "1", "-ar", Integer.toString(RATE), "-f", "s16le", "-")));
    }

    /**
     * The longest run of silence (5 ms windows far below the tone's level) between {@code fromS} and {@code toS},
     * in seconds: a hole a player plays as silence.
     */
    public static double longestSilenceS(short[] samples, double fromS, double toS) {
        double level = amplitude(samples);
        int from = Math.max(0, (int) (fromS * RATE));
        int to = Math.min(samples.length, (int) (toS * RATE));
        int run = 0;
        int longest = 0;
        for (int start = from; start + WINDOW <= to; start += WINDOW) {
            double peak = 0;
            for (int i = start; i < start + WINDOW; i++) {
                peak = Math.max(peak, Math.abs(samples[i]));
            }
            run = peak < SILENCE_LIMIT * level ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return (double) longest * WINDOW / RATE;
    }

    /**
     * Seconds from the first picture to the first sound of the tone in a media file or URL, by the system's
     * ffprobe: the audio stream's start less the video's, plus where the tone starts in the decoded audio.
     */
    public static double soundAfterPictureS(String input, Result sound) {
        String out = ChunkProbe.run(List.of("ffprobe", "-v", "error", "-show_entries",
                "stream=codec_type,start_time", "-of", "csv=p=0", input));
        double video = Double.NaN;
        double audio = Double.NaN;
        for (String line : out.strip().split("\n")) {
            String[] fields = line.strip().split(",");
            if (fields.length == 2 && fields[0].equals("video")) {
                video = Double.parseDouble(fields[1]);
            } else if (fields.length == 2 && fields[0].equals("audio")) {
                audio = Double.parseDouble(fields[1]);
            }
        }
        return audio + sound.toneStartS() - video;
    }

    /**
     * For scripts: {@code ToneGlitches <toneHz> <skipSeconds> <media file or URL>} or
     * {@code ToneGlitches <toneHz> <skipSeconds> --raw <s16le mono 48 kHz file>} prints one line:
     * {@code glitches=N seconds=S per_minute=P tone_start_s=T}, and for media {@code sound_after_picture_s=D}.
     */
    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: ToneGlitches <tone Hz> <seconds skipped> (<media file or URL> | --raw <s16le"
                    + " mono 48 kHz file>)");
            System.exit(2);
        }
        double toneHz = Double.parseDouble(args[0]);
        double skipS = Double.parseDouble(args[1]);
        try {
            boolean raw = args[2].equals("--raw");
            Result r = raw ? analyse(samples(Files.readAllBytes(Path.of(args[3]))), toneHz, skipS)
                    : ofMedia(args[2], toneHz, skipS);
            System.out.printf(Locale.ROOT, "glitches=%d seconds=%.1f per_minute=%.1f tone_start_s=%.3f%s first=%s%n",
                    r.glitches(), r.seconds(), r.perMinute(), r.toneStartS(), raw ? ""
                            : String.format(Locale.ROOT, " sound_after_picture_s=%.3f", soundAfterPictureS(args[2], r)),
                    r.firstGlitchesS());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
