package io.stereospot.server.store;

import io.stereospot.server.ServerConfig;
import java.nio.file.Path;

/**
 * Decides, for each PutObject made with session credentials, whether the embedded store refuses it. Called after the
 * request body was drained and after the grant checks passed, so a refusal reaches the client as a clean S3 error
 * response and nothing is written. A test installs it with {@link #installedIn}: the server's own writes (root
 * credentials) never see it.
 */
@FunctionalInterface
public interface StoreFaults {

    /** No faults. */
    StoreFaults NONE = (key, sizeBytes) -> null;

    /**
     * @param key       the object key, e.g. {@code stream_input/{id}/chunk_00003.mp4}
     * @param sizeBytes the body size received
     * @return null to store the object, or the error to answer instead
     */
    StoreFault onPutObject(String key, long sizeBytes);

    /**
     * {@code config} with every session PutObject put to these faults first, each body spooled under
     * {@code <dataDir>/tmp/uploads} so the faults see its size and a refusal leaves nothing in the store.
     */
    default ServerConfig.Builder installedIn(ServerConfig.Builder config, Path dataDir) {
        Path spoolDir = dataDir.resolve("tmp").resolve("uploads");
        return config.dataDir(dataDir).sessionPutsThrough(store -> new FaultInjectingBlobStore(store, this, spoolDir));
    }
}
