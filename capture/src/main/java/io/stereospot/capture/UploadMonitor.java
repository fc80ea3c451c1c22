package io.stereospot.capture;

import io.stereospot.capture.upload.ChunkUploader;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the broadcast makes of its uploader's reports: the count of stored chunks, a warning per retry, the failure
 * that ends the broadcast. And a Stop never waits out a retry's backoff: the chunk it was for (and so every later
 * one) is given up instead.
 */
final class UploadMonitor implements ChunkUploader.Events {

    private static final Logger LOG = LoggerFactory.getLogger(UploadMonitor.class);

    private final ListenerDispatch events;
    private final int maxAttempts;
    private final Supplier<ChunkUploader> uploader;
    private final Consumer<String> failed;
    private final AtomicInteger chunksUploaded = new AtomicInteger();
    private volatile String failure;
    private volatile boolean stopping;

    /**
     * @param maxAttempts how many attempts each chunk gets, for the warning
     * @param uploader    the uploader, once there is one (else null)
     * @param failed      ends the broadcast with the failure's sentence
     */
    UploadMonitor(ListenerDispatch events, int maxAttempts, Supplier<ChunkUploader> uploader,
            Consumer<String> failed) {
        this.events = events;
        this.maxAttempts = maxAttempts;
        this.uploader = uploader;
        this.failed = failed;
    }

    /** A Stop was asked for: a backoff under way now, or starting later, is cut short. */
    void stopRequested() {
        stopping = true;
        ChunkUploader up = uploader.get();
        if (up != null && up.inBackoff()) {
            LOG.info("Stop during an upload retry: the retry is cancelled");
            up.abort();
        }
    }

    int chunksUploaded() {
        return chunksUploaded.get();
    }

    /** The sentence of the chunk that finally failed, or null. */
    String failure() {
        return failure;
    }

    @Override
    public void uploaded(int index, long bytes, long publishLatencyMs) {
        chunksUploaded.incrementAndGet();
        events.tell(l -> l.chunkUploaded(index, bytes, publishLatencyMs));
    }

    @Override
    public void failed(int index, String sentence) {
        failure = sentence;
        failed.accept(sentence);
    }

    @Override
    public void retrying(int index, int attempt, Duration delay, String reason) {
        events.tell(l -> l.warning(String.format(Locale.ROOT,
                "Upload of chunk %d failed (attempt %d of %d): %s; trying again in %.1f s.", index, attempt,
                maxAttempts, reason, delay.toMillis() / 1000.0)));
        if (stopping) {
            // A Stop is already under way: waiting out this backoff would only delay it.
            uploader.get().abort();
        }
    }
}
