package io.stereospot.server.convert.depth;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The frame loop of one chunk: decoded frames in, depth, two views, side-by-side frames out.
 *
 * <p>Depth is computed for every frame while the estimator takes under {@link #DEPTH_BUDGET} of a frame's interval
 * (the model-free one takes well under a millisecond); a slower one (a model on a weak CPU) is asked every Nth frame,
 * N chosen from its measured time. Between depth frames the last normalised map is held ({@link DepthRange#held()}),
 * and each new one moves the range only by the EMA's step, so the depth changes in small steps, not jumps.
 */
public final class DepthPipeline {

    static final double DEPTH_BUDGET = 0.3;
    private static final int MAX_FRAMES_BETWEEN_DEPTH = 15;

    private final DepthEstimator estimator;
    private final DepthRange range;
    private final StereoRenderer renderer;
    private int framesBetweenDepth = 1;
    private long frames;
    private long depthFrames;

    public DepthPipeline(DepthEstimator estimator, DepthRange range, double divergencePercent, double convergence) {
        this.estimator = estimator;
        this.range = range;
        this.renderer = new StereoRenderer(divergencePercent, convergence);
    }

    /** Renders every frame of {@code decoded} (after its header) to {@code sbs}, with a header of its own. */
    public void run(InputStream decoded, Y4mStream.Header header, OutputStream sbs) throws IOException {
        Yuv420Frame frame = Yuv420Frame.blank(header.widthPx(), header.heightPx());
        Yuv420Frame out = Yuv420Frame.blank(2 * header.widthPx(), header.heightPx());
        Y4mStream.writeHeader(sbs, new Y4mStream.Header(out.widthPx(), out.heightPx(), header.frameRate()));
        double frameIntervalNanos = 1e9 / rate(header.frameRate());
        while (Y4mStream.readFrame(decoded, frame)) {
            DepthMap depth = frames % framesBetweenDepth == 0 ? null : range.held();
            if (depth == null) {
                long started = System.nanoTime();
                depth = range.normalise(estimator.estimate(frame.smallRgb(estimator.inputWidthPx())));
                long tookNanos = System.nanoTime() - started;
                framesBetweenDepth = (int) Math.max(1, Math.min(MAX_FRAMES_BETWEEN_DEPTH,
                        Math.ceil(tookNanos / (DEPTH_BUDGET * frameIntervalNanos))));
                depthFrames++;
            }
            renderer.render(frame, depth, out);
            Y4mStream.writeFrame(sbs, out);
            frames++;
        }
    }

    public long frames() {
        return frames;
    }

    public long depthFrames() {
        return depthFrames;
    }

    private static double rate(String fraction) {
        String[] parts = fraction.split(":");
        double rate = Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]);
        return rate > 0 ? rate : 30;
    }
}
