package io.stereospot.capture.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stereospot.capture.testing.ChunkProbe;
import io.stereospot.capture.testing.ToneGlitches;
import io.stereospot.media.FfmpegBinaries;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sound-card clock drift, held without a sound card: 30 s of a 440 Hz tone whose 20 ms fragments arrive as PulseAudio
 * delivers them from a card running fast or slow (a fragment every 20 ms of the card's clock), each stamped on
 * arrival with scheduling jitter (up to 30 ms, and one fragment in twenty up to 150 ms late), go through the
 * capture's own audio filters ({@link AudioStamps}) in the bundled FFmpeg, faster than real time. The sound must
 * last as long as the wall time it was recorded in, so it stays with the picture, and the tone must stay unbroken.
 * Counting samples alone (the filters before) keeps the card's length: 0.1 % off, 60 ms in this minute.
 */
class AudioStampsTest {

    private static final double SECONDS = 60;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "card clock x{0}")
    @ValueSource(doubles = {1.001, 0.999, 1.0})
    void theSoundLastsTheWallTimeItWasRecordedInWithoutABreak(double cardRate) {
        // A card at cardRate delivers SECONDS of its samples in SECONDS / cardRate of wall time.
        double wallS = SECONDS / cardRate;
        String arrival = "asetpts='(N/SR/" + cardRate
                + "+0.005+0.03*random(0)+gt(random(1),0.95)*0.12*random(2))/TB'";
        double tracked = durationS(arrival + "," + AudioStamps.align(true), "tracked.wav");
        double counted = durationS(arrival + ",asetpts=STARTPTS+N/SR/TB,aresample=async=1:first_pts=0",
                "counted.wav");
        System.out.printf("FIGURES audio stamps, card x%s: wall %.3f s, tracked %.3f s, counted %.3f s%n", cardRate,
                wallS, tracked, counted);

        assertThat(tracked).as("the sound's length against the wall time").isCloseTo(wallS, within(0.02));
        if (cardRate != 1.0) {
            assertThat(Math.abs(counted - wallS)).as("counted samples keep the card's length").isGreaterThan(0.04);
        }
        ToneGlitches.Result tone = ToneGlitches.ofMedia(dir.resolve("tracked.wav").toString(), 440, 0.5);
        assertThat(tone.seconds()).as("tone analysed").isGreaterThan(SECONDS - 1);
        assertThat(tone.glitches()).as("breaks in the tone: %s", tone.firstGlitchesS()).isZero();
    }

    private double durationS(String filters, String name) {
        Path out = dir.resolve(name);
        ChunkProbe.run(List.of(FfmpegBinaries.ffmpeg().toString(), "-hide_banner", "-loglevel", "error", "-f", "lavfi",
                "-i", "sine=f=440:r=48000:samples_per_frame=960:d=" + (int) SECONDS, "-af", filters,
                "-c:a", "pcm_s16le", "-y", out.toString()));
        return ChunkProbe.streams(out).formatDuration();
    }
}
