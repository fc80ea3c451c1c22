package io.stereospot.app.gui.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.server.convert.depth.DepthSource;
import org.junit.jupiter.api.Test;

/** What the window says about the local stream's depth, for each thing that can make it. */
class DepthTextsTest {

    @Test
    void saysWhatMakesTheDepth() {
        assertThat(DepthTexts.of(new DepthSource.Model("Depth-Anything-V2-Small")))
                .isEqualTo("Depth: Depth-Anything-V2-Small");
        assertThat(DepthTexts.of(new DepthSource.Downloading(43_000_000L, 99_060_839L)))
                .isEqualTo("Depth: downloading the depth model, 43 %");
        assertThat(DepthTexts.of(new DepthSource.Downloading(12L << 20, -1)))
                .isEqualTo("Depth: downloading the depth model, 12 MB");
        assertThat(DepthTexts.of(new DepthSource.NoDepth("sbs"))).isEqualTo("3D off (flat side by side)");
    }

    @Test
    void approximateDepthComesWithTheReason() {
        String why = "The depth model could not be downloaded: huggingface.co could not be reached (timed out)."
                + " The stream uses approximate depth.";
        assertThat(DepthTexts.of(new DepthSource.Approximate(why)))
                .isEqualTo("Depth: approximate (no model) · " + why);
    }
}
