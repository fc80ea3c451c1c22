package io.stereospot.server.convert.depth.model;

import io.stereospot.server.convert.depth.ApproximateDepth;
import io.stereospot.server.convert.depth.DepthEstimator;
import io.stereospot.server.convert.depth.DepthSource;
import io.stereospot.server.convert.depth.DepthStatus;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The depth model in the converter's loop without ever holding the stream up: chunks get the model-free
 * {@link ApproximateDepth} at once, while a background thread opens the model ({@link DepthModels#open}: the user's
 * file, else the copy kept in the data folder, else the download). Once it is ready, {@link #estimator()} gives it,
 * so the next chunk on uses it; if it cannot be had, the chunks keep the approximate depth and {@link #status()}
 * carries the sentence why. Never silently flat, and never waiting on a download.
 */
public final class DepthModelLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DepthModelLoop.class);
    static final String LOADING = "The depth model is loading.";
    static final String FALLBACK = " The stream uses approximate depth.";

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

    /** Passes the download's progress on, once per whole per cent (or per MB when the size is unknown). */
    private final class Progress implements DownloadProgress {
        private long lastStep = -1;

        @Override
        public void bytes(long bytesSoFar, long totalBytes) {
            long step = totalBytes > 0 ? bytesSoFar * 100 / totalBytes : bytesSoFar >> 20;
            if (step != lastStep && !closed) {
                lastStep = step;
                status.set(new DepthSource.Downloading(bytesSoFar, totalBytes));
            }
        }
    }

    /**
     * Stops waiting for the model and closes it. A download in progress runs on in its daemon thread until its
     * own end (the JDK client cannot be interrupted mid-read); what it fetches is kept for the next start.
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
