package io.stereospot.capture.testing;

import io.stereospot.capture.upload.ChunkStore;
import io.stereospot.capture.upload.UploadAttemptException;
import java.nio.file.Path;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/** A store that answers each PUT with the next scripted failure, then stores (or fails for ever, when told to). */
public final class ScriptedChunkStore implements ChunkStore {

    public final Deque<UploadAttemptException> failures = new ConcurrentLinkedDeque<>();
    public final AtomicInteger puts = new AtomicInteger();
    public volatile boolean failForever;

    /** The store is busy: worth another attempt. */
    public static UploadAttemptException busy() {
        return new UploadAttemptException("the store answered 503 SlowDown", true, null);
    }

    @Override
    public void put(int index, Path file) throws UploadAttemptException {
        puts.incrementAndGet();
        UploadAttemptException next = failForever ? busy() : failures.poll();
        if (next != null) {
            throw next;
        }
    }

    @Override
    public void close() {
    }
}
