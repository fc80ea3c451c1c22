package io.stereospot.server.convert.depth;

/**
 * What makes the depth of the chunks converted now, as the person at the window is told: the model-free estimate
 * (with why there is no model), the model while it downloads, or the model itself. Converters that make no depth
 * say so with {@link NoDepth}.
 */
public sealed interface DepthSource {

    /** The model-free depth ({@link ApproximateDepth}); {@code why} is a sentence, e.g. why the model is missing. */
    record Approximate(String why) implements DepthSource {
    }

    /** The depth model is downloading; until it is ready the depth is approximate. */
    record Downloading(long bytes, long totalBytes) implements DepthSource {

        /** Whole per cent done, or -1 when the server did not say how much is coming. */
        public int percent() {
            return totalBytes <= 0 ? -1 : (int) Math.min(100, bytes * 100 / totalBytes);
        }
    }

    /** Depth from the model called {@code name} (e.g. Depth-Anything-V2-Small, or the user's file name). */
    record Model(String name) implements DepthSource {
    }

    /** The converter makes no depth map at all (e.g. {@code sbs}: flat side by side). */
    record NoDepth(String converter) implements DepthSource {
    }
}
