package io.stereospot.server.store;

/**
 * Told, in-process, each time the embedded store has written an object completely (any credentials). Called on the
 * store's request thread after the file is in place: hand work off, do not block.
 */
@FunctionalInterface
public interface ObjectStoredListener {

    void objectStored(String key, long sizeBytes);
}
