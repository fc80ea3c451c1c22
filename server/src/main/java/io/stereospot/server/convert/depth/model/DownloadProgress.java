package io.stereospot.server.convert.depth.model;

/** Told as the model downloads; called on the downloading thread. */
@FunctionalInterface
public interface DownloadProgress {

    DownloadProgress NONE = (bytesSoFar, totalBytes) -> { };

    /** @param totalBytes the announced length, or -1 when the server did not announce one */
    void bytes(long bytesSoFar, long totalBytes);
}
