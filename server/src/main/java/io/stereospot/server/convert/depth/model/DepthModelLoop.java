package io.stereospot.server.convert.depth.model;

import io.stereospot.server.convert.depth.ApproximateDepth;
import io.stereospot.server.convert.depth.DepthEstimator;
import io.stereospot.server.convert.depth.DepthSource;
import io.stereospot.server.convert.depth.DepthStatus;
import io.stereospot.server.convert.depth.RgbFrame;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The depth model in the converter's loop without ever holding the stream up: chunks get the model-free
 * {@link ApproximateDepth} at once, while a background thread opens the model ({@link DepthModels#open}: the user's
 * file, else the copy kept in the data folder, else the download). Once it is ready, {@link #estimator()} gives it,
 * so the next chunk on uses it; if it cannot be had, the chunks keep the approximate depth and {@link #status()}
 * carries the sentence why. Never silently flat, and never waiting on a download. A model too slow for this computer
 * to keep the stream in real time ({@link #MAX_MS_PER_DEPTH_FRAME}) is not used either, and that is said too.
 */
public final class DepthModelLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DepthModelLoop.class);
    static final String LOADING = "The depth model is loading.";
    static final String FALLBACK = " The stream uses approximate depth.";
    /**
     * The slowest depth frame the stream keeps up with. The converter asks for one depth frame every up to 15 video
     * frames ({@code DepthPipeline}), 10 a 5 s chunk at 30 fps: at 400 ms that is 4 s of the chunk's 5, with the
     * views' rendering (about 1 s of a core at 720p) on top. Depth-Anything-V2-Small at 196 px takes 135 ms of one
     * core here; an export fixed at 518 px takes 1.3 s and would fall further behind with every chunk.
     */
    static final long MAX_MS_PER_DEPTH_FRAME = 400;
    private static final int TIMED_FRAMES = 3;

    private final DepthEstimator approximate = new ApproximateDepth();
    private final DepthStatus status = new DepthStatus(new DepthSource.Approximate(LOADING));
    private final Thread loader;
    private volatile DepthEstimator model;
    private volatile boolean closed;

    private DepthModelLoop(String modelName, Function<DownloadProgress, DepthModels.Opened> opener) {
        loader = new Thread(() -> load(modelName, opener), "depth-model-loader");
        loader.setDaemon(true);
        // Opening runs ONNX Runtime and maybe a 100 MB download: below the capture and the conversion.
        loader.setPriority(Thread.MIN_PRIORITY);
    }

    /**
     * Starts getting the model: {@code userFile} ({@code --depth-model}, the window's setting) if given, else the
     * published model kept in or downloaded to {@code <dataDir>/models}.
     */
    public static DepthModelLoop start(Optional<Path> userFile, Path dataDir) {
        String name = userFile.map(file -> String.valueOf(file.getFileName()))
                .orElse(DepthModelSource.DEPTH_ANYTHING_V2_SMALL.name());
        return start(name, progress -> DepthModels.open(userFile, dataDir, progress));
    }

    /** The same with how the model is opened given (tests: a source on 127.0.0.1, a test-made model). */
    public static DepthModelLoop start(String modelName, Function<DownloadProgress, DepthModels.Opened> opener) {
        DepthModelLoop loop = new DepthModelLoop(modelName, opener);
        loop.loader.start();
        return loop;
    }

    /** What the next chunk gets: the model once it is open, the approximate depth until then or without it. */
    public DepthEstimator estimator() {
        DepthEstimator ready = model;
        return ready != null ? ready : approximate;
    }

    /** What makes the depth now, live. */
    public DepthStatus status() {
        return status;
    }

    private void load(String modelName, Function<DownloadProgress, DepthModels.Opened> opener) {
        DepthModels.Opened opened;
        try {
            opened = opener.apply(new Progress());
        } catch (RuntimeException | LinkageError e) {
            opened = new DepthModels.Opened(Optional.empty(),
                    Optional.of("The depth model could not be loaded (" + e + ")."));
        }
        if (opened.estimator().isPresent()) {
            opened = fastEnough(modelName, opened.estimator().get());
        }
        if (opened.estimator().isPresent()) {
            synchronized (this) {
                if (closed) {
                    opened.estimator().get().close();
                    return;
                }
                model = opened.estimator().get();
            }
            LOG.info("Depth model {} ready; chunks from the next one on use it.", modelName);
            status.set(new DepthSource.Model(modelName));
        } else {
            String why = opened.whyNot().orElse("The depth model could not be loaded.") + FALLBACK;
            if (!closed) {
                LOG.warn("{}", why);
                status.set(new DepthSource.Approximate(why));
            }
        }
    }

    private static DepthModels.Opened fastEnough(String modelName, DepthEstimator estimator) {
        String whyNot;
        try {
            long msPerFrame = msPerFrame(estimator);
            if (msPerFrame <= MAX_MS_PER_DEPTH_FRAME) {
                return new DepthModels.Opened(Optional.of(estimator), Optional.empty());
            }
            whyNot = "The depth model " + modelName + " takes " + msPerFrame + " ms a frame on this computer, more"
                    + " than the " + MAX_MS_PER_DEPTH_FRAME + " ms that keeps the stream in real time.";
        } catch (RuntimeException e) {
            whyNot = "The depth model " + modelName + " failed on a frame (" + e.getMessage() + ").";
        }
        estimator.close();
        return new DepthModels.Opened(Optional.empty(), Optional.of(whyNot));
    }

    /** The median wall time of a few depth frames of a mid-grey 16:9 picture, at the converter's input width. */
    private static long msPerFrame(DepthEstimator estimator) {
        int widthPx = estimator.inputWidthPx();
        int heightPx = Math.max(2, widthPx * 9 / 16);
        byte[] rgb = new byte[widthPx * heightPx * 3];
        Arrays.fill(rgb, (byte) 128);
        long[] ms = new long[TIMED_FRAMES];
        for (int i = 0; i < TIMED_FRAMES; i++) {
            long started = System.nanoTime();
            estimator.estimate(new RgbFrame(widthPx, heightPx, rgb));
            ms[i] = (System.nanoTime() - started) / 1_000_000;
        }
        Arrays.sort(ms);
        return ms[TIMED_FRAMES / 2];
    }

    /** Passes the download's progress on, once per whole per cent (or per MB when the size is unknown). */
    private final class Progress implements DownloadProgress {
        private long lastStep = -1;

        @Override
        public void bytes(long bytesSoFar, long totalBytes) {
            if (closed) {
                // Ends the download here (its partial file is removed): a restarted server downloads anew, and two
                // downloads of the same file must not run side by side.
                throw new CancellationException("The depth model download was stopped with the server.");
            }
            long step = totalBytes > 0 ? bytesSoFar * 100 / totalBytes : bytesSoFar >> 20;
            if (step != lastStep) {
                lastStep = step;
                status.set(new DepthSource.Downloading(bytesSoFar, totalBytes));
            }
        }
    }

    /**
     * Stops waiting for the model and closes it. A download in progress ends at its next block of bytes (or, on a
     * connection gone quiet, when its stall timeout gives up), and leaves no partial file.
     */
    @Override
    public void close() {
        DepthEstimator open;
        synchronized (this) {
            closed = true;
            open = model;
            model = null;
        }
        loader.interrupt();
        if (open != null) {
            open.close();
        }
    }
}
