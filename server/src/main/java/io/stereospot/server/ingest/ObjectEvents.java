package io.stereospot.server.ingest;

import io.stereospot.contract.ObjectKeys;
import io.stereospot.server.store.Bucket;
import io.stereospot.server.store.ObjectStoredListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a stored object enters the server's path: the embedded store's notification ({@link #objectStored}) or, as
 * a safety net, a periodic listing of the input prefix (AWS S3 sends no notifications; after a restart the listing
 * finds what was left unconverted). Keys are parsed here, once, and each listener is told what arrived, in the
 * order given (the converter before the playlist).
 */
public final class ObjectEvents implements ObjectStoredListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectEvents.class);

    private final Bucket bucket;
    private final Duration listingInterval;
    private final List<ObjectListener> listeners;
    private final ScheduledExecutorService lister = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ingest-listing");
        t.setDaemon(true);
        return t;
    });

    /** @param listingInterval how often the input prefix is listed (the first listing runs at once) */
    public ObjectEvents(Bucket bucket, Duration listingInterval, List<ObjectListener> listeners) {
        this.bucket = bucket;
        this.listingInterval = listingInterval;
        this.listeners = List.copyOf(listeners);
    }

    public ObjectEvents start() {
        long everyMs = listingInterval.toMillis();
        lister.scheduleWithFixedDelay(this::listQuietly, 0, everyMs, TimeUnit.MILLISECONDS);
        return this;
    }

    /** A notification from the store: any key may come in; keys of no interest are dropped. */
    public void objectStored(String key) {
        ObjectKeys.parseChunk(key).ifPresentOrElse(
                chunk -> listeners.forEach(l -> l.chunkStored(chunk)),
                () -> ObjectKeys.outputSession(key).ifPresentOrElse(
                        id -> listeners.forEach(l -> l.outputStored(id)),
                        () -> ObjectKeys.recordSession(key).ifPresent(
                                id -> listeners.forEach(l -> l.recordStored(id)))));
    }

    @Override
    public void objectStored(String key, long sizeBytes) {
        objectStored(key);
    }

    /** Lists the input prefix once and tells of every chunk there; public so a caller can force a rescan. */
    public void listChunks() {
        for (String key : bucket.keys(ObjectKeys.INPUT_ROOT)) {
            ObjectKeys.parseChunk(key).ifPresent(chunk -> listeners.forEach(l -> l.chunkStored(chunk)));
        }
    }

    private void listQuietly() {
        try {
            listChunks();
        } catch (RuntimeException e) {
            LOG.warn("Listing new chunks failed (will try again): {}", e.toString());
        }
    }

    @Override
    public void close() {
        lister.shutdownNow();
    }
}
