package io.stereospot.server.convert.depth.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens an ONNX Runtime session on the GPU where the CUDA build of ONNX Runtime and a CUDA 12 + cuDNN 9 machine
 * allow it, and on the CPU otherwise, saying why in the log. The CUDA path is unverified: no machine here has a GPU.
 */
final class ModelSessions {

    private static final Logger LOG = LoggerFactory.getLogger(ModelSessions.class);

    private ModelSessions() {
    }

    /** What {@link #open} gave: the session and where it runs ("CPU" or "CUDA"). */
    record Opened(OrtSession session, String device) {
    }

    /**
     * Empty when ONNX Runtime's native library loads on this machine; otherwise the sentence why not (e.g. a Windows
     * without the Visual C++ runtime it needs), so that nothing is downloaded for a runtime that cannot start.
     */
    static Optional<String> runtimeProblem() {
        try {
            OrtEnvironment.getEnvironment();
            return Optional.empty();
        } catch (RuntimeException | LinkageError e) {
            return Optional.of(doesNotStart(e));
        }
    }

    static String doesNotStart(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String detail = String.valueOf(cause).strip().lines().findFirst().orElse("");
        return "ONNX Runtime, which runs depth models, does not start on this machine (" + detail + ").";
    }

    /** @param threads intra-op threads, or 0 for ONNX Runtime's choice (one per physical core) */
    static Opened open(Path modelFile, int threads) throws OrtException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        if (environment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            try (OrtSession.SessionOptions options = options(threads)) {
                options.addCUDA(0);
                return new Opened(environment.createSession(modelFile.toString(), options), "CUDA");
            } catch (OrtException e) {
                LOG.info("Depth model runs on the CPU: the CUDA execution provider did not start ({}).",
                        e.getMessage());
            }
        } else {
            LOG.debug("Depth model runs on the CPU: this ONNX Runtime build has no CUDA execution provider.");
        }
        try (OrtSession.SessionOptions options = options(threads)) {
            return new Opened(environment.createSession(modelFile.toString(), options), "CPU");
        }
    }

    private static OrtSession.SessionOptions options(int threads) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        // Idle threads sleep instead of spinning: the model shares a small machine with the capture and the encoder,
        // and spinning threads took CPU from them (and from each other) for nothing in the benchmark under load.
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        if (threads > 0) {
            options.setIntraOpNumThreads(threads);
        }
        return options;
    }
}
