package io.stereospot.app.gui.model;

import io.stereospot.server.convert.depth.DepthSource;

/** The line that says what makes the local stream's depth, so a flat or approximate stream is never a surprise. */
public final class DepthTexts {

    private DepthTexts() {
    }

    public static String of(DepthSource source) {
        if (source instanceof DepthSource.Approximate approximate) {
            return "Depth: approximate (no model) · " + approximate.why();
        }
        if (source instanceof DepthSource.Downloading downloading) {
            return downloading.percent() >= 0
                    ? "Depth: downloading the depth model, " + downloading.percent() + " %"
                    : "Depth: downloading the depth model, " + (downloading.bytes() >> 20) + " MB";
        }
        if (source instanceof DepthSource.Model model) {
            return "Depth: " + model.name();
        }
        String converter = ((DepthSource.NoDepth) source).converter();
        return "sbs".equals(converter) ? "3D off (flat side by side)" : "Depth: none (the " + converter + " converter)";
    }
}
