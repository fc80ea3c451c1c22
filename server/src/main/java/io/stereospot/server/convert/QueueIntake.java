package io.stereospot.server.convert;

import io.stereospot.contract.ChunkKey;
import io.stereospot.contract.ObjectKeys;
import io.stereospot.server.queue.JobQueue;
import io.stereospot.server.queue.QueueJob;
import io.stereospot.server.queue.S3EventMessages;
import io.stereospot.server.segment.SegmentIndex;
import io.stereospot.server.store.Bucket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.AbortedException;

/**
 * A worker's intake from the chunk queue. Any number of workers (threads here, processes, machines) share one queue:
 * <ul>
 * <li>a job whose segment exists already is a duplicate delivery: deleted, nothing changes;</li>
 * <li>a job whose previous segment is not stored yet waits (sent again with a delay, the delivery deleted), so a
 * session's chunks become playable in index order while sessions run in parallel across workers;</li>
 * <li>a job is hidden from other workers while this one works on it (the visibility is extended as it goes): a
 * worker killed mid-job stops extending it, and another worker gets the job once the queue's timeout passes;</li>
 * <li>a failed try leaves the job on the queue for a later delivery; after the queue's last allowed delivery SQS
 * moves it to the dead-letter queue, where it is served flat ({@link ConversionWorker#serveFlat}) and kept, hidden,
 * for whoever looks into it.</li>
 * </ul>
 * At start the input prefix is listed once (the sweep), and chunks with no segment are put on the queue again: what
 * was stored while no queue could be reached. In steady state nothing lists the bucket.
 */
final class QueueIntake implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueueIntake.class);
    private static final Duration LONG_POLL = Duration.ofSeconds(5);
    /** How long a job whose previous segment is missing waits before it is looked at again. */
    private static final Duration PREDECESSOR_WAIT = Duration.ofSeconds(1);

    private final ConversionWorker worker;
    private final Bucket bucket;
    private final JobQueue queue;
    private final WorkerSettings settings;
    private final Semaphore slots;
    private final ExecutorService receivers = Executors.newFixedThreadPool(2, daemon("queue-receive"));
    private final ExecutorService jobs;
    private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(
            daemon("queue-visibility"));
    private final AtomicInteger threadNumber = new AtomicInteger();
    private volatile boolean closed;

    QueueIntake(ConversionWorker worker, Bucket bucket, JobQueue queue, WorkerSettings settings) {
        this.worker = worker;
        this.bucket = bucket;
        this.queue = queue;
        this.settings = settings;
        this.slots = new Semaphore(settings.parallelSessions());
        this.jobs = Executors.newFixedThreadPool(settings.parallelSessions(),
                r -> daemon("queue-job-" + threadNumber.incrementAndGet()).newThread(r));
    }

    void start() {
        Duration visibility = queue.visibilityTimeout();
        Optional<JobQueue> deadLetters = queue.deadLetterQueue();
        int maxReceives = queue.maxReceives().orElse(settings.attempts());
        LOG.info("Taking chunk jobs from {} ({} at a time, visibility {} s, dead letters after {} deliveries{})",
                queue.url(), settings.parallelSessions(), visibility.toSeconds(), maxReceives,
                deadLetters.map(d -> " to " + d.url()).orElse("; no dead-letter queue"));
        receivers.execute(() -> {
            sweep();
            receiveLoop(visibility);
        });
        deadLetters.ifPresent(dead -> receivers.execute(() -> deadLetterLoop(dead)));
    }

    /** The start-up listing: chunks after the last contiguous segment go on the queue again. */
    private void sweep() {
        try {
            SegmentIndex segments = new SegmentIndex(bucket);
            int queued = 0;
            for (String sessionId : bucket.childNames(ObjectKeys.INPUT_ROOT)) {
                List<Integer> chunks = segments.storedChunks(sessionId);
                int next = segments.contiguousCount(sessionId);
                for (int index : chunks) {
                    if (index >= next) {
                        queue.send(S3EventMessages.objectCreated("", bucket.name(),
                                ObjectKeys.chunk(sessionId, index), 0, java.time.Instant.now()), Duration.ZERO);
                        queued++;
                    }
                }
            }
            if (queued > 0) {
                LOG.info("Start-up sweep: {} chunk(s) without a segment put on the queue again", queued);
            }
        } catch (RuntimeException e) {
            LOG.warn("The start-up sweep of unconverted chunks failed: {}", e.toString());
        }
    }

    private void receiveLoop(Duration visibility) {
        while (!closed) {
            try {
                slots.acquire();
                int extra = 0;
                while (extra < 9 && slots.tryAcquire()) {
                    extra++;
                }
                List<QueueJob> received = List.of();
                try {
                    received = queue.receive(1 + extra, LONG_POLL);
                } finally {
                    slots.release(1 + extra - received.size());
                }
                for (QueueJob job : received) {
                    jobs.execute(() -> runJob(job, visibility));
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (closed || e instanceof AbortedException) {
                    return;
                }
                LOG.warn("Receiving from the chunk queue failed (will try again): {}", e.toString());
                pause();
            }
        }
    }

    private void runJob(QueueJob job, Duration visibility) {
        long everyMs = Math.max(500, visibility.toMillis() / 3);
        ScheduledFuture<?> extending = keepAlive.scheduleWithFixedDelay(() -> extend(job, visibility), everyMs,
                everyMs, TimeUnit.MILLISECONDS);
        try {
            handle(job);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.warn("Chunk job {} failed; it will be delivered again: {}", job.messageId(), e.toString());
            }
        } finally {
            extending.cancel(false);
            slots.release();
        }
    }

    private void handle(QueueJob job) throws InterruptedException {
        List<ChunkKey> chunks = chunksOf(job);
        if (chunks.isEmpty()) {
            queue.delete(job);
            return;
        }
        for (ChunkKey chunk : chunks) {
            String sessionId = chunk.sessionId();
            int index = chunk.index();
            if (bucket.exists(ObjectKeys.segment(sessionId, index))) {
                LOG.debug("Session {}: chunk {} was delivered again after its segment was stored", sessionId, index);
                continue;
            }
            if (index > 0 && !bucket.exists(ObjectKeys.segment(sessionId, index - 1))) {
                if (worker.quota().pastQuota(chunk)) {
                    LOG.info("Session {}: chunk {} came after its session's quota was used up; it is not converted",
                            sessionId, index);
                    continue; // and the previous one never comes: no waiting for it
                }
                // Its place on the timeline is the sum of the segments before it: wait for the previous one.
                queue.send(job.body(), PREDECESSOR_WAIT);
                queue.delete(job);
                return;
            }
            if (!worker.quota().admitStored(bucket, chunk)) {
                continue; // past the session's quota (logged there): never converted, and the job is done with
            }
            try {
                worker.convertJob(sessionId, index);
            } catch (ConversionException e) {
                Duration backoff = settings.retryBackoff().multipliedBy(job.receiveCount());
                LOG.warn("Session {}: converting chunk {} failed (delivery {}); the queue delivers it again in {} s: {}",
                        sessionId, index, job.receiveCount(), backoff.toSeconds(), e.getMessage());
                queue.hideFor(job, backoff);
                return;
            }
        }
        queue.delete(job);
    }

    /** A job the queue gave up on: served flat once its previous segment exists; the message stays there, hidden. */
    private void deadLetterLoop(JobQueue dead) {
        while (!closed) {
            try {
                for (QueueJob job : dead.receive(10, LONG_POLL)) {
                    boolean waiting = false;
                    for (ChunkKey chunk : chunksOf(job)) {
                        waiting |= !serveFlat(chunk);
                    }
                    dead.hideFor(job, waiting ? PREDECESSOR_WAIT : JobQueue.MAX_VISIBILITY);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (closed || e instanceof AbortedException) {
                    return;
                }
                LOG.warn("Reading the dead-letter queue failed (will try again): {}", e.toString());
                pause();
            }
        }
    }

    /** @return false when the chunk must wait for its previous segment */
    private boolean serveFlat(ChunkKey chunk) throws InterruptedException {
        String sessionId = chunk.sessionId();
        int index = chunk.index();
        if (bucket.exists(ObjectKeys.segment(sessionId, index))) {
            return true;
        }
        if (index > 0 && !bucket.exists(ObjectKeys.segment(sessionId, index - 1))) {
            return false;
        }
        LOG.warn("Session {}: chunk {} is in the dead-letter queue; serving it flat", sessionId, index);
        worker.serveFlat(sessionId, index, "The converter failed on every delivery of this chunk; its log says why.");
        return true;
    }

    private static List<ChunkKey> chunksOf(QueueJob job) {
        return S3EventMessages.createdKeys(job.body()).stream().map(ObjectKeys::parseChunk)
                .flatMap(Optional::stream).toList();
    }

    private void extend(QueueJob job, Duration visibility) {
        try {
            queue.hideFor(job, visibility);
        } catch (RuntimeException e) {
            LOG.debug("Could not extend job {}: {}", job.messageId(), e.toString());
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000); // a queue that is down: do not spin; the next receive tries again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        closed = true;
        receivers.shutdownNow();
        jobs.shutdownNow();
        keepAlive.shutdownNow();
        try {
            jobs.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
