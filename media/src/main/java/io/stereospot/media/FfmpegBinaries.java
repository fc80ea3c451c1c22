package io.stereospot.media;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.Loader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ffmpeg and ffprobe programs shipped in the {@code org.bytedeco:ffmpeg} platform jars (GPL build, libx264),
 * extracted once into JavaCPP's cache, so a user installs nothing by hand.
 */
public final class FfmpegBinaries {

    private static final Logger LOG = LoggerFactory.getLogger(FfmpegBinaries.class);

    private FfmpegBinaries() {
    }

    public static Path ffmpeg() {
        return Holder.FFMPEG;
    }

    public static Path ffprobe() {
        return Holder.FFPROBE;
    }

    private static Path load(Class<?> program) {
        // The GPL jars carry their files under <platform>-gpl; the Loader only looks there when told.
        if (System.getProperty("org.bytedeco.javacpp.platform.extension") == null) {
            System.setProperty("org.bytedeco.javacpp.platform.extension", "-gpl");
        }
        try {
            Path path = Path.of(Loader.load(program));
            if (!Files.isExecutable(path)) {
                throw new MediaToolsUnavailableException("The bundled " + program.getSimpleName()
                        + " at " + path + " is not executable.", null);
            }
            LOG.debug("Using {} at {}", program.getSimpleName(), path);
            return path;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            throw new MediaToolsUnavailableException("The bundled " + program.getSimpleName()
                    + " could not be loaded for this system (" + Loader.getPlatform() + "): " + e.getMessage(), e);
        }
    }

    /** Lazy, thread-safe, once per JVM: extraction takes a second or two. */
    private static final class Holder {
        static final Path FFMPEG = load(org.bytedeco.ffmpeg.ffmpeg.class);
        static final Path FFPROBE = load(org.bytedeco.ffmpeg.ffprobe.class);
    }
}
