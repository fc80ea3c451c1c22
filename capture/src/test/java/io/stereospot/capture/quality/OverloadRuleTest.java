package io.stereospot.capture.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.capture.ffmpeg.ProgressReport;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OverloadRuleTest {

    private static final long S = 1_000_000_000L;

    @Test
    void twoPercentOverTenSecondsIsStillFineOneFrameMoreIsAnOverload() {
        assertThat(OverloadRule.judge(new FrameCounts(300, 3, 3, 10_000, 10_000), 30)).as("6 of 300 = 2.0 %")
                .isEmpty();
        Optional<OverloadRule.Overload> over = OverloadRule.judge(new FrameCounts(300, 3, 4, 10_000, 10_000), 30);
        assertThat(over).as("7 of 300 = 2.3 %").isPresent();
        assertThat(over.get().slow()).isFalse();
    }

    @Test
    void aShorterStretchCountsOnlyOnceItHasMoreThanAWholeWindowAllows() {
        assertThat(OverloadRule.judge(new FrameCounts(150, 3, 3, 5_000, 5_000), 30))
                .as("6 in 5 s: 4 % so far, but 10 s may still come out at 2 %").isEmpty();
        assertThat(OverloadRule.judge(new FrameCounts(150, 3, 4, 5_000, 5_000), 30))
                .as("7 in 5 s: 10 s can no longer be at 2 % or under").isPresent();
    }

    @Test
    void anEncoderBelowRealTimeOverTheWindowIsAnOverload() {
        assertThat(OverloadRule.judge(new FrameCounts(285, 0, 0, 9_500, 10_000), 30)).as("0.95×").isEmpty();
        Optional<OverloadRule.Overload> slow = OverloadRule.judge(new FrameCounts(284, 0, 0, 9_490, 10_000), 30);
        assertThat(slow).as("0.949×").isPresent();
        assertThat(slow.get().slow()).isTrue();
        assertThat(slow.get().sentence(QualityStep.P1080_30, Optional.empty(), false)).isEqualTo(
                "This computer cannot keep up with 1080p at 30 frames a second: the encoder runs at 0.95× real time,"
                        + " so viewers see stutter. Choose a lower resolution (or Auto), or close busy programs.");
    }

    @Test
    void inAutoTheSentenceSaysWhereItStepsDownTo() {
        OverloadRule.Overload over = OverloadRule.judge(new FrameCounts(300, 20, 10, 10_000, 10_000), 30).orElseThrow();
        assertThat(over.sentence(QualityStep.P720_15, Optional.empty(), true)).endsWith(
                "so viewers see stutter. Close busy programs: Auto is already at its lightest setting.");
        assertThat(over.sentence(QualityStep.P1080_30, QualityStep.P1080_30.lower(), true)).isEqualTo(
                "This computer cannot keep up with 1080p at 30 frames a second: 10.0 % of the frames were dropped or"
                        + " repeated in the last 10 s, so viewers see stutter. Quality Auto steps down to 720p at 30"
                        + " frames a second at the next chunk.");
    }

    @Test
    void theWatchSkipsTheWarmUpThenJudgesTheLastTenSecondsAndStartsOverAfterTelling() {
        OverloadWatch watch = new OverloadWatch(30);
        // The first 2 s of stream, with the start's stutter, are not judged.
        assertThat(watch.accept(report(1_000, 30, 40, 0), 1 * S)).isEmpty();
        // From 2 s on, one stutter frame every other second: 5 of 300 over 10 s (1.7 %), fine.
        long stutter = 40;
        for (int second = 2; second <= 14; second++) {
            if (second % 2 == 0) {
                stutter++;
            }
            assertThat(watch.accept(report(second * 1000L, second * 30L, stutter, 0), second * S))
                    .as("second %d", second).isEmpty();
        }
        // Then 7 at once: over the last 10 s that is 12 of 300, an overload, told once.
        assertThat(watch.accept(report(15_000, 450, stutter + 7, 0), 15 * S)).isPresent();
        // Lasting trouble is told again only once a whole fresh window has passed, not every second.
        for (int second = 16; second < 25; second++) {
            stutter += 30;
            assertThat(watch.accept(report(second * 1000L, second * 30L, stutter, 0), second * S))
                    .as("second %d, within the fresh window", second).isEmpty();
        }
        assertThat(watch.accept(report(25_000, 750, stutter + 30, 0), 25 * S)).as("a whole window later").isPresent();
    }

    private static ProgressReport report(long outTimeMs, long frames, long dropped, long duplicated) {
        return new ProgressReport(frames, 30, 1.0, dropped, duplicated, outTimeMs);
    }
}
