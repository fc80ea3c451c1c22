package io.stereospot.server.store;

import java.io.InputStream;
import java.util.Optional;

/**
 * An object of {@code bucket} whose size is known, read whole or a slice at a time (for HTTP Range answers). Our
 * stored objects never change once written, so the size stays true for every read.
 */
public record StoredObject(Bucket bucket, String key, long sizeBytes) {

    /** All of it, or empty when it was deleted since (a swept session); the caller closes the stream. */
    public Optional<InputStream> open() {
        return bucket.open(key).map(in -> in);
    }

    /** Bytes {@code firstByte..lastByte} (inclusive, within the size), or empty as {@link #open()}. */
    public Optional<InputStream> open(long firstByte, long lastByte) {
        return bucket.open(key, firstByte, lastByte).map(in -> in);
    }
}
