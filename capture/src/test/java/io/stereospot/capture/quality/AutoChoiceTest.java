package io.stereospot.capture.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AutoChoiceTest {

    private static FrameCounts stutter(long frames, long dropped, long duplicated) {
        return new FrameCounts(frames, dropped, duplicated, frames * 1000 / 30, frames * 1000 / 30);
    }

    @Test
    void onePercentDroppedAndRepeatedStillCountsAsSmoothJustOverDoesNot() {
        assertThat(AutoChoice.isSmooth(stutter(1000, 4, 6))).as("10 of 1000 = 1.0 %").isTrue();
        assertThat(AutoChoice.isSmooth(stutter(1000, 5, 6))).as("11 of 1000 = 1.1 %").isFalse();
        assertThat(AutoChoice.isSmooth(stutter(0, 0, 0))).as("no frames at all: FFmpeg failed").isFalse();
    }

    @Test
    void picksTheBestStepThatIsSmoothAndSaysWhyWithTheFigures() {
        AutoChoice choice = AutoChoice.of(List.of(
                new AutoChoice.Measured(QualityStep.P1080_30, stutter(120, 30, 140)),
                new AutoChoice.Measured(QualityStep.P720_30, stutter(120, 0, 1))));

        assertThat(choice.chosen()).isEqualTo(QualityStep.P720_30);
        assertThat(choice.smooth()).isTrue();
        assertThat(choice.lower()).contains(QualityStep.P720_15);
        assertThat(choice.sentence()).startsWith("Quality Auto chose 720p at 30 frames a second, the best this "
                + "computer keeps smooth").contains("1080p30: 30 dropped + 140 repeated of 120 frames (141.7 %)")
                .contains("720p30: 0 dropped + 1 repeated of 120 frames (0.8 %)");
    }

    @Test
    void whenNothingIsSmoothTheLightestStepIsTakenAndSaidToStutter() {
        AutoChoice choice = AutoChoice.of(QualityStep.LADDER.stream()
                .map(step -> new AutoChoice.Measured(step, stutter(120, 10, 10))).toList());

        assertThat(choice.chosen()).isEqualTo(QualityStep.P720_15);
        assertThat(choice.smooth()).isFalse();
        assertThat(choice.lower()).isEmpty();
        assertThat(choice.sentence()).contains("even this one stutters here");
    }

    @Test
    void aSourceSmallerThanFullHdIsNotTriedAtFullHd() {
        assertThat(QualityStep.ladderFor(1080)).isEqualTo(QualityStep.LADDER);
        assertThat(QualityStep.ladderFor(351)).containsExactly(QualityStep.P720_30, QualityStep.P720_15);
        assertThat(QualityStep.ladderFor(0)).as("a portal's source, size unknown").startsWith(QualityStep.P720_30);
    }

    @Test
    void aHandChosenSizeIsItsLadderStep() {
        assertThat(QualityStep.of(QualityStep.P1080_30.size(), 30)).isSameAs(QualityStep.P1080_30);
        assertThat(QualityStep.P1080_30.lower()).contains(QualityStep.P720_30);
        assertThat(QualityStep.of(QualityStep.P720_30.size(), 60).lower()).as("off the ladder").isEmpty();
    }
}
