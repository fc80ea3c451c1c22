package io.stereospot.server.convert;

import io.stereospot.contract.ChunkKey;
import io.stereospot.server.convert.depth.DepthStatus;
import java.nio.file.Path;
import java.util.Optional;

/** Turns one uploaded chunk (an MP4 with video and audio) into the segment players are given. */
public interface Converter extends AutoCloseable {

    /** The name it is chosen by ({@code --converter NAME}). */
    String name();

    /**
     * Writes {@code output} (an MP4) from {@code input}. {@code output} does not exist beforehand.
     *
     * @throws ConversionException with the converter's own explanation (e.g. the tail of FFmpeg's stderr)
     */
    void convert(Path input, Path output) throws ConversionException, InterruptedException;

    /** The same, told which chunk it is (a persistent converter passes it on to its program). */
    default void convert(Path input, Path output, ChunkKey chunk) throws ConversionException, InterruptedException {
        convert(input, output);
    }

    /** For a converter that makes depth: what makes it, live (the model, or why approximate depth). */
    default Optional<DepthStatus> depthStatus() {
        return Optional.empty();
    }

    /** Stops whatever the converter keeps running between chunks. */
    default void close() {
    }
}
