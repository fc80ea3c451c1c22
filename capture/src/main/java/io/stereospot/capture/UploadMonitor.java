package io.stereospot.capture;

import io.stereospot.capture.upload.ChunkUploader;
import io.stereospot.capture.upload.UploadBacklog;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the broadcast makes of its uploader's reports: the count of stored chunks, a warning per retry, the outage
 * while chunks wait (once a second) and its end, the failure that ends the broadcast, and the spool's bound
 * ({@link SpoolLimit}). And a Stop never waits out a retry's backoff: the chunk it was for (and so every later one)
 * is given up instead.
 */
final class UploadMonitor implements ChunkUploader.Events {

    private static final Logger LOG = LoggerFactory.getLogger(UploadMonitor.class);

    static final String QUOTA_ENDED = "The stream server ended the session because its upload quota is used up;"
            + " everything uploaded before stays playable.";

    private final ListenerDispatch events;
    private final int maxAttempts;
    private final SpoolLimit spoolLimit;
    private final Supplier<ChunkUploader> uploader;
    private final BiConsumer<StopReason, String> failed;
    private final AtomicInteger chunksUploaded = new AtomicInteger();
    private volatile String failure;
    private volatile boolean stopping;

    /**
     * @param maxAttempts how many attempts each chunk gets, for the warning
     * @param spoolLimit  how much may wait to be uploaded
     * @param uploader    the uploader, once there is one (else null)
     * @param failed      ends the broadcast, for this reason, with the sentence that says why
     */
    UploadMonitor(ListenerDispatch events, int maxAttempts, SpoolLimit spoolLimit, Supplier<ChunkUploader> uploader,
            BiConsumer<StopReason, String> failed) {
        this.events = events;
        this.maxAttempts = maxAttempts;
        this.spoolLimit = spoolLimit;
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

    /**
     * Once a second while the broadcast runs: tells the outage while chunks wait, and ends the broadcast once the
     * spool holds more than its limit (nothing after the waiting chunk is sent; the session is ended as after any
     * failed upload).
     */
    void tick(long nowNanos) {
        ChunkUploader up = uploader.get();
        if (up == null || stopping || up.isAborted() || up.hasFailed() || failure != null) {
            return;
        }
        UploadBacklog backlog = up.backlog(nowNanos);
        Optional<String> overflow = spoolLimit.exceededBy(backlog);
        if (overflow.isPresent()) {
            LOG.warn("{} ({} bytes waiting, the oldest for {} ms)", overflow.get(), backlog.bytes(),
                    backlog.oldestWaiting().toMillis());
            failed(-1, overflow.get());
            return;
        }
        if (backlog.stalled()) {
            events.tell(l -> l.uploadsWaiting(backlog.failingFor(), backlog.chunks()));
        }
    }

    int chunksUploaded() {
        return chunksUploaded.get();
    }

    /**
     * The end of the uploads: what is complete is sent (or, when uploads are what failed, given up), waited for up to
     * {@code drainTimeout}, and the uploader closed.
     *
     * @return the sentence of a chunk that finally failed meanwhile or before, if one did
     */
    Optional<String> finish(boolean uploadRest, Duration drainTimeout) {
        ChunkUploader up = uploader.get();
        if (up == null) {
            return Optional.empty();
        }
        if (uploadRest) {
            up.finish();
        } else {
            up.abort();
        }
        up.drain(drainTimeout);
        Optional<String> failed = Optional.ofNullable(failure);
        up.close();
        return failed;
    }

    @Override
    public void uploaded(int index, long bytes, long publishLatencyMs) {
        chunksUploaded.incrementAndGet();
        events.tell(l -> l.chunkUploaded(index, bytes, publishLatencyMs));
    }

    @Override
    public void recovered(int index, Duration failedFor) {
        ChunkUploader up = uploader.get();
        // The chunk just stored no longer counts: these are the ones that waited behind it.
        int behind = up == null ? 0 : up.backlog(System.nanoTime()).chunks();
        events.tell(l -> l.uploadsRecovered(failedFor, behind));
    }

    @Override
    public void failed(int index, String sentence) {
        failure = sentence;
        failed.accept(StopReason.UPLOAD_FAILED, sentence);
    }

    /** Not a failure: the server ended the session at its quota, and what was stored stays playable. */
    @Override
    public void quotaUsedUp(int index, String sentence) {
        failed.accept(StopReason.SESSION_QUOTA_REACHED, sentence);
    }

    /** The same, heard from the session's status rather than from a refused upload (AWS S3 refuses none). */
    void sessionEndedAtQuota() {
        failed.accept(StopReason.SESSION_QUOTA_REACHED, QUOTA_ENDED);
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
