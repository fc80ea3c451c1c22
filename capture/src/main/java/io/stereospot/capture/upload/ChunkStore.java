package io.stereospot.capture.upload;

import java.nio.file.Path;

/** Where chunks go: one PUT of one chunk file. {@link S3ChunkStore} is the real one. */
public interface ChunkStore extends AutoCloseable {

    /** Stores chunk {@code index}; returns once the store acknowledged it. */
    void put(int index, Path file) throws UploadAttemptException;

    @Override
    void close();
}
