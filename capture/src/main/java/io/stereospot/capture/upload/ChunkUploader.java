package io.stereospot.capture.upload;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Deque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ordered queue of finished chunks and one thread that uploads them, strictly in index order: chunk N+1 is never
 * sent before chunk N is stored, and never at all if chunk N finally fails. Each chunk gets
 * {@link RetryPolicy#maxAttempts()} attempts with jittered backoff; refused credentials are not retried. A chunk's
 * file is deleted once it is stored. Capture never waits for this: FFmpeg keeps encoding while chunks upload, and
 * while a chunk waits out an outage the later ones wait behind it ({@link #backlog} says how many).
 */
public final class ChunkUploader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkUploader.class);

    /** What the uploader reports, from its own thread, in order. */
    public interface Events {
        /** Chunk {@code index} is stored; latency runs from {@code completedAtNanos} to the acknowledgement. */
        void uploaded(int index, long bytes, long publishLatencyMs);

        /** Chunk {@code index} will not be stored; nothing after it is sent. {@code sentence} is for a person. */
        void failed(int index, String sentence);

        /**
         * Chunk {@code index} was refused because the session's byte quota is used up, and the server ended the
         * session; nothing after it is sent. By default a failure like any other.
         */
        default void quotaUsedUp(int index, String sentence) {
            failed(index, sentence);
        }

        /** An attempt failed and another follows after {@code delay}. */
        default void retrying(int index, int attempt, Duration delay, String reason) {
        }

        /** Chunk {@code index} is stored after uploads had been failing for {@code failedFor}. */
        default void recovered(int index, Duration failedFor) {
        }
    }

    private record Job(int index, Path file, long completedAtNanos, long bytes) {
    }

    private static final Job END = new Job(-1, null, 0, 0);

    private final ChunkStore store;
    private final RetryPolicy policy;
    private final Events events;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    /** Submitted and not yet stored, oldest first: the queue and the chunk being uploaded. */
    private final Deque<Job> waiting = new ConcurrentLinkedDeque<>();
    private final CountDownLatch aborted = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread worker;
    private volatile boolean inBackoff;
    private volatile boolean failed;
    /** {@link System#nanoTime()} when the first failed attempt of the chunk at the head began; 0 when none did. */
    private volatile long failingSinceNanos;
    private int nextIndex;

    public ChunkUploader(ChunkStore store, RetryPolicy policy, Events events) {
        this.store = store;
        this.policy = policy;
        this.events = events;
        this.worker = new Thread(this::work, "chunk-uploader");
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Queues a finished chunk. Indices must come 0, 1, 2, … (FFmpeg's order); a gap is a bug and fails the upload
     * rather than leave a hole in the playlist.
     */
    public synchronized void submit(int index, Path file, long completedAtNanos) {
        if (index != nextIndex) {
            queue.add(new Job(index, null, completedAtNanos, 0));
        } else {
            Job job = new Job(index, file, completedAtNanos, size(file));
            waiting.add(job);
            queue.add(job);
        }
        nextIndex = index + 1;
    }

    /** No more chunks: the worker uploads what is queued and ends. */
    public void finish() {
        queue.add(END);
    }

    /** Stops at once: a pending retry is cancelled, nothing more is sent. An in-flight PUT is left to end. */
    public void abort() {
        aborted.countDown();
        queue.add(END);
        worker.interrupt();
    }

    public boolean isAborted() {
        return aborted.getCount() == 0;
    }

    /** True while waiting to try a chunk again. */
    public boolean inBackoff() {
        return inBackoff;
    }

    /** What waits to be uploaded now; {@code nowNanos} is {@link System#nanoTime()}. */
    public UploadBacklog backlog(long nowNanos) {
        Job oldest = waiting.peekFirst();
        if (oldest == null) {
            return UploadBacklog.NONE;
        }
        long bytes = 0;
        int chunks = 0;
        for (Job job : waiting) {
            bytes += Math.max(0, job.bytes());
            chunks++;
        }
        long failingSince = failingSinceNanos;
        return new UploadBacklog(chunks, bytes, Duration.ofNanos(Math.max(0, nowNanos - oldest.completedAtNanos())),
                failingSince == 0 ? null : Duration.ofNanos(Math.max(0, nowNanos - failingSince)));
    }

    /** True once a chunk finally failed. */
    public boolean hasFailed() {
        return failed;
    }

    /** Waits until the worker has ended (after {@link #finish()} or {@link #abort()}, or a failure). */
    public boolean awaitDone(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Waits for the worker to end (after {@link #finish()} or {@link #abort()}), at most {@code timeout}; then
     * gives up on the rest. Waits in short steps, so an abort from another thread meanwhile is seen at once.
     */
    public void drain(Duration timeout) {
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!awaitDone(Duration.ofMillis(50))) {
                if (System.nanoTime() > deadline) {
                    LOG.warn("Uploads did not finish within {} s; giving up on the rest", timeout.toSeconds());
                    abort();
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort();
        }
    }

    private void work() {
        try {
            try {
                store.warmUp();
            } catch (RuntimeException e) {
                LOG.debug("Warm-up failed: {}", e.toString());
            }
            while (!isAborted()) {
                Job job = queue.take();
                if (job == END || isAborted()) {
                    return;
                }
                if (job.file() == null) {
                    fail(job.index(), "Upload of chunk " + job.index() + " was skipped: chunks came out of order.",
                            false);
                    return;
                }
                if (!upload(job)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            LOG.debug("Uploader interrupted");
        } finally {
            done.countDown();
        }
    }

    /** @return true when stored, false when it finally failed or the uploader was aborted */
    private boolean upload(Job job) {
        long bytes = job.bytes();
        AtomicInteger attempts = new AtomicInteger();
        dev.failsafe.RetryPolicy<Object> retries = policy.attempts(ChunkUploader::retryable)
                .abortIf((result, failure) -> isAborted())
                .onRetryScheduled(e -> {
                    inBackoff = true;
                    if (failingSinceNanos == 0) {
                        // The first failed attempt began the elapsed time ago: that is when uploads stopped working.
                        failingSinceNanos = Math.max(1, System.nanoTime() - e.getElapsedTime().toNanos());
                    }
                    LOG.info("Upload of chunk {} failed (attempt {} of {}): {}; trying again in {} ms", job.index(),
                            e.getAttemptCount(), policy.maxAttempts(), e.getLastException().getMessage(),
                            e.getDelay().toMillis());
                    events.retrying(job.index(), e.getAttemptCount(), e.getDelay(),
                            e.getLastException().getMessage());
                })
                .onRetry(e -> inBackoff = false)
                .build();
        long putStart;
        try {
            putStart = Failsafe.with(retries).get(context -> {
                attempts.set(context.getAttemptCount() + 1);
                long start = System.nanoTime();
                store.put(job.index(), job.file());
                return start;
            });
        } catch (FailsafeException e) {
            // An abort (a Stop) ends the attempts, and interrupts a backoff: the chunk is given up, not failed.
            if (isAborted() || !(e.getCause() instanceof UploadAttemptException failure)) {
                return false;
            }
            int made = attempts.get();
            fail(job.index(), "Upload of chunk " + job.index() + " failed after " + made
                    + (made == 1 ? " attempt" : " attempts") + ": " + failure.getMessage() + ".",
                    failure instanceof QuotaUsedUpException);
            return false;
        } finally {
            inBackoff = false;
        }
        long now = System.nanoTime();
        long latencyMs = (now - job.completedAtNanos()) / 1_000_000;
        waiting.remove(job);
        long failingSince = failingSinceNanos;
        failingSinceNanos = 0;
        delete(job.file());
        LOG.debug("Chunk {} stored ({} bytes, {} ms after it was complete, the PUT took {} ms)", job.index(),
                bytes, latencyMs, (now - putStart) / 1_000_000);
        if (failingSince != 0) {
            Duration failedFor = Duration.ofNanos(now - failingSince);
            LOG.info("Chunk {} stored after uploads had failed for {} ms", job.index(), failedFor.toMillis());
            events.recovered(job.index(), failedFor);
        }
        events.uploaded(job.index(), bytes, latencyMs);
        return true;
    }

    private static boolean retryable(Throwable failure) {
        return failure instanceof UploadAttemptException e && e.retryable();
    }

    private void fail(int index, String sentence, boolean quotaUsedUp) {
        failed = true;
        LOG.warn(sentence);
        if (quotaUsedUp) {
            events.quotaUsedUp(index, sentence);
        } else {
            events.failed(index, sentence);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete uploaded chunk {}: {}", file, e.getMessage());
        }
    }

    @Override
    public void close() {
        abort();
        try {
            worker.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }
}
