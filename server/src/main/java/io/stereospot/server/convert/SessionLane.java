package io.stereospot.server.convert;

import java.util.OptionalInt;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One session's queue: the chunks known to exist and the next index to convert. Only one task per lane runs at a
 * time (the {@code scheduled} flag), which is what keeps a session's segments in index order.
 */
final class SessionLane {

    final String sessionId;
    final ConcurrentSkipListSet<Integer> knownChunks = new ConcurrentSkipListSet<>();
    final AtomicBoolean scheduled = new AtomicBoolean();
    /** -1 until the lane has looked at which segments already exist (after a restart, some do). */
    volatile int nextIndex = -1;
    /**
     * The index that could be neither converted nor served flat (the chunk itself is unreadable); the lane stops
     * there (the playlist stops at the gap).
     */
    volatile OptionalInt failedIndex = OptionalInt.empty();
    /** The session's quota was used up at {@code nextIndex}: nothing from there on is converted. */
    volatile boolean overQuota;
    /** Segments served flat because the converter gave up on their chunk, in index order. */
    final ConcurrentSkipListSet<Integer> fallbackIndices = new ConcurrentSkipListSet<>();
    /** The converter's latest explanation for giving up, without file paths; null while it never has. */
    volatile String lastConversionError;
    /** When the newest of its chunks was first heard of (System.nanoTime): a session being captured is fresh. */
    volatile long newestChunkNanos;

    SessionLane(String sessionId) {
        this.sessionId = sessionId;
    }

    boolean hasWork() {
        return !overQuota && failedIndex.isEmpty()
                && (nextIndex < 0 ? !knownChunks.isEmpty() : knownChunks.contains(nextIndex));
    }
}
