package io.stereospot.server.convert.depth.model;

import io.stereospot.server.convert.depth.DepthEstimator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point to the depth model: the user's own file, else the copy kept in the data folder, else a
 * download. The caller gets the estimator or the sentence that says why there is none, so it can fall back to the
 * model-free estimator and tell the user (never silently flat). A first open downloads about 100 MB and may take
 * minutes: call it off the window's thread and the conversion's deadline.
 */
public final class DepthModels {

    private static final Logger LOG = LoggerFactory.getLogger(DepthModels.class);

    /** The working size for models with dynamic H and W: 14x14 patches, what a 2-core CPU keeps up with. */
    public static final int DEFAULT_WORKING_SIZE_PX = 196;

    private DepthModels() {
    }

    /** Either an estimator, or the sentence why the depth model cannot be used ({@code whyNot} is then present). */
    public record Opened(Optional<DepthEstimator> estimator, Optional<String> whyNot) {
    }

    /**
     * The published model, from its configured address ({@link DepthModelSource#configured()}), at the default
     * working size, on half the cores (one on a 2-core laptop: the other is the capture's and the encoder's).
     */
    public static Opened open(Optional<Path> userFile, Path dataDir, DownloadProgress progress) {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        return open(userFile, dataDir, DepthModelSource.configured(), DEFAULT_WORKING_SIZE_PX, threads, progress);
    }

    /**
     * @param source where to download from, or empty when downloading is off
     * @param threads intra-op threads for ONNX Runtime, or 0 for its choice
     */
    public static Opened open(Optional<Path> userFile, Path dataDir, Optional<DepthModelSource> source,
            int workingSizePx, int threads, DownloadProgress progress) {
        Optional<String> runtimeProblem = ModelSessions.runtimeProblem();
        if (runtimeProblem.isPresent()) {
            return unavailable(runtimeProblem.get());
        }
        if (userFile.isPresent()) {
            Path file = userFile.get();
            if (!Files.isRegularFile(file)) {
                return unavailable("The depth model " + file + " does not exist.");
            }
            return tryOpen(file, workingSizePx, threads, "The depth model " + file + " cannot be used. ");
        }
        Path kept = keptFile(dataDir);
        if (Files.isRegularFile(kept)) {
            Opened opened = tryOpen(kept, workingSizePx, threads, "");
            if (opened.estimator().isPresent()) {
                return opened;
            }
            LOG.warn("The kept depth model {} no longer opens ({}); removing it.", kept, opened.whyNot().orElse(""));
            try {
                Files.deleteIfExists(kept);
            } catch (IOException e) {
                return opened;
            }
        }
        if (source.isEmpty()) {
            return unavailable("The depth model is not downloaded and downloading it is switched off ("
                    + DepthModelSource.URL_VARIABLE + "=off).");
        }
        try {
            DepthModelDownload.fetch(source.get(), kept, progress);
        } catch (DepthModelUnusable e) {
            return unavailable(e.getMessage());
        }
        return tryOpen(kept, workingSizePx, threads, "");
    }

    /** The kept model file, if it has been downloaded; never downloads. */
    public static Optional<Path> present(Path dataDir) {
        Path kept = keptFile(dataDir);
        return Files.isRegularFile(kept) ? Optional.of(kept) : Optional.empty();
    }

    /** Where the downloaded model is kept: {@code <dataDir>/models/<file name>}. */
    public static Path keptFile(Path dataDir) {
        return dataDir.resolve("models").resolve(DepthModelSource.DEPTH_ANYTHING_V2_SMALL.fileName());
    }

    private static Opened tryOpen(Path file, int workingSizePx, int threads, String prefix) {
        try {
            OnnxDepthEstimator estimator = OnnxDepthEstimator.open(file, workingSizePx, threads);
            LOG.info("Depth from {}.", estimator.describe());
            return new Opened(Optional.of(estimator), Optional.empty());
        } catch (DepthModelUnusable e) {
            return unavailable(prefix + e.getMessage());
        }
    }

    private static Opened unavailable(String sentence) {
        LOG.info("Depth model not used: {}", sentence);
        return new Opened(Optional.empty(), Optional.of(sentence));
    }
}
