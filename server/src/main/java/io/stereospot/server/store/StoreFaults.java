package io.stereospot.server.store;

/**
 * Test hook: decides, for each PutObject made with session credentials, whether the embedded store refuses it.
 * Called after the request body was drained and after the grant checks passed, so a refusal reaches the client
 * as a clean S3 error response and nothing is written. Only tests install one, through
 * {@link EmbeddedObjectStore#injectFaults}; production never does.
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
}
