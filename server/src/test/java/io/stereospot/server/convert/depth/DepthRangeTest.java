package io.stereospot.server.convert.depth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The depth range follows a change slowly (EMA), is kept per session across chunks, and for a bounded number. */
class DepthRangeTest {

    /** A ramp from {@code low} (top) to {@code high} (bottom). */
    private static DepthMap ramp(float low, float high) {
        float[] values = new float[100 * 100];
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 100; x++) {
                values[y * 100 + x] = low + (high - low) * y / 99f;
            }
        }
        return new DepthMap(100, 100, values);
    }

    @Test
    void aSuddenlyWiderRangeIsFollowedByTheAverageNotAtOnce() {
        DepthRange range = new DepthRange();
        DepthMap first = range.normalise(ramp(0f, 1f));
        assertThat(first.at(50, 0)).isLessThan(0.02f);
        assertThat(first.at(50, 99)).isGreaterThan(0.98f);
        // The scene's depth range doubles: a per-frame normalisation would map the bottom row to 1 at once.
        DepthMap next = range.normalise(ramp(0f, 2f));
        assertThat(next.at(50, 49)).as("mid row: 1.0 raw, ~0.91 after one EMA step of 0.9").isBetween(0.85f, 0.95f);
        for (int i = 0; i < 60; i++) {
            next = range.normalise(ramp(0f, 2f));
        }
        assertThat(next.at(50, 49)).as("settled").isBetween(0.45f, 0.55f);
        assertThat(range.held().values()).isEqualTo(next.values());
    }

    @Test
    void aFlatMapGivesNoDepthRatherThanAmplifiedNoise() {
        DepthMap flat = new DepthRange().normalise(new DepthMap(2, 2, new float[] {0.3f, 0.3f, 0.3f, 0.3f}));
        assertThat(flat.values()).containsOnly(0f);
    }

    @Test
    void eachSessionKeepsItsOwnRangeAcrossChunksAndOnlyTheLastFewAreKept() {
        DepthSessions sessions = new DepthSessions();
        DepthRange a = sessions.of("a");
        assertThat(sessions.of("a")).as("the next chunk of the session").isSameAs(a);
        assertThat(sessions.of("b")).isNotSameAs(a);
        assertThat(sessions.of(null)).isNotSameAs(sessions.of(null));
        for (int i = 0; i < DepthSessions.KEPT_SESSIONS; i++) {
            sessions.of("other-" + i);
        }
        assertThat(sessions.of("a")).as("forgotten after " + DepthSessions.KEPT_SESSIONS + " others").isNotSameAs(a);
    }

    @Test
    void theApproximateDepthIsNearerLowAndOnDetailAndNeverConstant() {
        byte[] rgb = new byte[160 * 90 * 3];
        java.util.Random random = new java.util.Random(1);
        for (int y = 0; y < 90; y++) {
            for (int x = 0; x < 160; x++) {
                // Plain grey, with a noisy patch in the upper-left corner.
                int v = x < 40 && y < 30 ? random.nextInt(256) : 128;
                for (int c = 0; c < 3; c++) {
                    rgb[(y * 160 + x) * 3 + c] = (byte) v;
                }
            }
        }
        DepthMap depth = new ApproximateDepth().estimate(new RgbFrame(160, 90, rgb));
        assertThat(depth.at(120, 85)).as("low is nearer than high").isGreaterThan(depth.at(120, 5));
        assertThat(depth.at(20, 15)).as("detail is nearer than plain at the same height")
                .isGreaterThan(depth.at(120, 15) + 0.2f);
        assertThat(new ApproximateDepth().describe()).isEqualTo("approximate depth (no model)");
    }
}
