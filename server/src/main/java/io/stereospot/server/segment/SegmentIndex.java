package io.stereospot.server.segment;

import io.stereospot.contract.ObjectKeys;
import io.stereospot.server.store.Bucket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which of a session's segments (and chunks) are stored. A segment's place on the timeline depends on every segment before it,
 * so what counts everywhere (the converter resuming after a restart, a segment made playable on request, the
 * playlist) is the contiguous run from segment 0.
 */
public final class SegmentIndex {

    private final Bucket bucket;

    public SegmentIndex(Bucket bucket) {
        this.bucket = bucket;
    }

    /** How many segments from 0 are stored without a gap: segments {@code 0..n-1} exist, {@code n} does not. */
    public int contiguousCount(String sessionId) {
        Set<Integer> stored = new HashSet<>();
        for (String key : bucket.keys(ObjectKeys.outputPrefix(sessionId))) {
            ObjectKeys.segmentIndex(sessionId, key).ifPresent(stored::add);
        }
        int count = 0;
        while (stored.contains(count)) {
            count++;
        }
        return count;
    }

    /** The indices of the session's chunks stored so far (uploads arrive in order, but a listing may lag). */
    public List<Integer> storedChunks(String sessionId) {
        return bucket.keys(ObjectKeys.inputPrefix(sessionId)).stream()
                .flatMap(key -> ObjectKeys.parseChunk(key).stream())
                .map(chunk -> chunk.index())
                .toList();
    }
}
