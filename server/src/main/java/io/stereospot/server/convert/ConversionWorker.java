package io.stereospot.server.convert;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import io.stereospot.contract.ChunkKey;
import io.stereospot.contract.ObjectKeys;
import io.stereospot.server.ingest.ObjectListener;
import io.stereospot.server.queue.JobQueue;
import io.stereospot.server.segment.FallbackNote;
import io.stereospot.server.segment.FlatSegments;
import io.stereospot.server.segment.SegmentIndex;
import io.stereospot.server.segment.TransportSegments;
import io.stereospot.server.store.Bucket;
import io.stereospot.server.store.SessionQuota;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each uploaded chunk into its segment: chunk {@code i} of a session becomes
 * {@code stream_output/{session}/seg_{i:05d}.mp4}, in index order within a session, several sessions at once on a
 * bounded pool. Before storing a segment it makes it playable ({@link TransportSegments#prepare}): the MP4 appears
 * last, and its appearance is what lists the segment in the playlist. It learns of chunks from {@code ingest}
 * ({@link #chunkStored}), which hears the store's notifications and lists the bucket as a safety net. A chunk the
 * converter still cannot convert after its retries is served flat ({@link FlatFallback}) so the playlist goes on;
 * its segment's side object and the log say so. Each chunk is counted against its session's byte quota as it is
 * picked up ({@link SessionQuota}); the one past it is not converted, and its session's lane stops there.
 */
public final class ConversionWorker implements ObjectListener, FlatSegments, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConversionWorker.class);

    private final Bucket bucket;
    private final Converter converter;
    private final List<Converter> fallbacks;
    private final WorkerSettings settings;
    private final TransportSegments playable;
    private final SegmentIndex segmentIndex;
    private final Path workDir;
    private final Map<String, SessionLane> lanes = new ConcurrentHashMap<>();
    private final LanePool pool;
    private final AtomicInteger converted = new AtomicInteger();
    private final SessionQuota quota;
    private volatile QueueIntake intake;

    /**
     * @param playable measures each new segment and stores its player form, before the segment itself is stored
     * @param quota    what each chunk is counted against before it is converted
     */
    public ConversionWorker(Bucket bucket, Converter converter, WorkerSettings settings, TransportSegments playable,
            Path workDir, SessionQuota quota) {
        this.bucket = bucket;
        this.quota = quota;
        this.converter = converter;
        this.fallbacks = FlatFallback.after(converter);
        this.settings = settings;
        this.playable = playable;
        this.segmentIndex = new SegmentIndex(bucket);
        this.workDir = workDir;
        this.pool = new LanePool(settings.parallelSessions());
    }

    public ConversionWorker start() {
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the converter's work folder " + workDir, e);
        }
        LOG.info("Converter worker started: {} converter, {} session(s) in parallel", converter.name(),
                settings.parallelSessions());
        return this;
    }

    /**
     * From now on this worker takes its chunks as jobs from {@code queue} (and serves flat what lands in its
     * dead-letter queue) instead of being told of them; see {@link QueueIntake}.
     */
    public ConversionWorker takeJobsFrom(JobQueue queue) {
        QueueIntake started = new QueueIntake(this, bucket, queue, settings);
        intake = started;
        started.start();
        return this;
    }

    /** A chunk is in the store (told once or more: by the store's notification and by the listing). */
    @Override
    public void chunkStored(ChunkKey chunk) {
        SessionLane lane = lanes.computeIfAbsent(chunk.sessionId(), SessionLane::new);
        if (lane.knownChunks.add(chunk.index())) {
            lane.newestChunkNanos = System.nanoTime();
        }
        schedule(lane);
    }

    /** Segments written by this worker since it started, flat ones included. */
    public int convertedCount() {
        return converted.get();
    }

    /** The index at which a session's conversion gave up, if it did. */
    public OptionalInt failedIndex(String sessionId) {
        SessionLane lane = lanes.get(sessionId);
        return lane == null ? OptionalInt.empty() : lane.failedIndex;
    }

    @Override
    public List<Integer> fallbackSegments(String sessionId) {
        SessionLane lane = lanes.get(sessionId);
        return lane == null ? List.of() : List.copyOf(lane.fallbackIndices);
    }

    @Override
    public Optional<String> lastConversionError(String sessionId) {
        SessionLane lane = lanes.get(sessionId);
        return lane == null ? Optional.empty() : Optional.ofNullable(lane.lastConversionError);
    }

    /** Forget a session (its objects were swept). */
    public void forget(String sessionId) {
        lanes.remove(sessionId);
    }

    private void schedule(SessionLane lane) {
        if (lane.hasWork() && lane.scheduled.compareAndSet(false, true)) {
            try {
                pool.execute(lane, () -> convertNext(lane));
            } catch (RejectedExecutionException e) {
                lane.scheduled.set(false); // shutting down
            }
        }
    }

    /** Converts the lane's next chunk, then queues the lane's next turn behind fresher sessions' ({@link LanePool}). */
    private void convertNext(SessionLane lane) {
        try {
            if (lane.nextIndex < 0) {
                lane.nextIndex = firstMissingSegment(lane.sessionId);
            }
            if (lane.hasWork() && !Thread.currentThread().isInterrupted()) {
                int index = lane.nextIndex;
                if (!quota.admitStored(bucket, new ChunkKey(lane.sessionId, index))) {
                    lane.overQuota = true;
                } else if (convertWithRetries(lane, index)) {
                    lane.nextIndex = index + 1;
                } else {
                    lane.failedIndex = OptionalInt.of(index);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Converter lane for session {} stopped unexpectedly", lane.sessionId, e);
        } finally {
            lane.scheduled.set(false);
        }
        if (!Thread.currentThread().isInterrupted()) {
            schedule(lane); // its next chunk, or one that arrived between the last check and clearing the flag
        }
    }

    /** After a restart: segments 0..k-1 exist, so k is next. */
    private int firstMissingSegment(String sessionId) {
        int next = segmentIndex.contiguousCount(sessionId);
        if (next > 0) {
            LOG.info("Session {}: segments 0..{} already converted, continuing at {}", sessionId, next - 1, next);
        }
        return next;
    }

    /** Tries by the retry policy, then flat; false when the chunk could not be served at all. */
    private boolean convertWithRetries(SessionLane lane, int index) throws InterruptedException {
        String sessionId = lane.sessionId;
        long started = System.nanoTime();
        String phases;
        try {
            phases = Failsafe.with(settings.retryPolicy(LOG, sessionId, index))
                    .get(() -> convertOnce(sessionId, index, converter, null));
        } catch (FailsafeException e) {
            if (e.getCause() instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            return serveFlat(sessionId, index, e.getCause().getMessage());
        }
        countConverted(sessionId, index, started, phases);
        return true;
    }

    /** What each chunk is counted against before it is converted; the queue's jobs too. */
    SessionQuota quota() {
        return quota;
    }

    /** One try at a chunk, for a queue job (the queue's redeliveries are its retries). */
    void convertJob(String sessionId, int index) throws ConversionException, InterruptedException {
        long started = System.nanoTime();
        countConverted(sessionId, index, started, convertOnce(sessionId, index, converter, null));
    }

    private void countConverted(String sessionId, int index, long startedNanos, String phases) {
        converted.incrementAndGet();
        LOG.info("Session {}: chunk {} converted ({}) in {} ms ({})", sessionId, index, converter.name(),
                (System.nanoTime() - startedNanos) / 1_000_000, phases);
    }

    /** The converter gave up on chunk {@code index}: its segment is made by the next fallback that works. */
    boolean serveFlat(String sessionId, int index, String converterSaid) throws InterruptedException {
        SessionLane lane = lanes.computeIfAbsent(sessionId, SessionLane::new);
        for (Converter flat : fallbacks) {
            FallbackNote note = new FallbackNote(flat.name(), FlatFallback.forPlayers(converterSaid));
            try {
                convertOnce(sessionId, index, flat, note);
            } catch (ConversionException e) {
                LOG.warn("Session {}: chunk {} could not be served flat with the {} converter either: {}", sessionId,
                        index, flat.name(), e.getMessage());
                continue;
            }
            lane.lastConversionError = note.conversionError();
            lane.fallbackIndices.add(index);
            converted.incrementAndGet();
            LOG.error("Session {}: chunk {} could not be converted after its retries; it is served flat ({}) so the "
                    + "playlist goes on. Converter said: {}", sessionId, index, flat.name(), converterSaid);
            return true;
        }
        lane.lastConversionError = FlatFallback.forPlayers(converterSaid);
        LOG.error("Session {}: chunk {} could not be converted after {} attempts, nor served flat; its playlist stops "
                + "before it. Converter said: {}", sessionId, index, settings.attempts(), converterSaid);
        return false;
    }

    /**
     * @param fallback null when {@code with} is the session's converter; else why it is a flat fallback
     * @return how long each step took, for the log
     */
    private String convertOnce(String sessionId, int index, Converter with, FallbackNote fallback)
            throws ConversionException, InterruptedException {
        Path dir = null;
        long t0 = System.nanoTime();
        try {
            dir = Files.createTempDirectory(workDir, "chunk-");
            Path chunk = dir.resolve("chunk.mp4");
            Path segment = dir.resolve("segment.mp4");
            try {
                bucket.download(ObjectKeys.chunk(sessionId, index), chunk);
            } catch (IOException | RuntimeException e) {
                throw new ConversionException("Could not fetch chunk " + index + ": " + e.getMessage(), e);
            }
            long t1 = System.nanoTime();
            with.convert(chunk, segment, new ChunkKey(sessionId, index));
            long t2 = System.nanoTime();
            if (!Files.isRegularFile(segment)) {
                throw new ConversionException("The " + with.name() + " converter wrote no segment.");
            }
            try {
                playable.prepare(sessionId, index, segment, fallback);
            } catch (IOException | RuntimeException e) {
                throw new ConversionException("Segment " + index + " was converted but could not be prepared for "
                        + "players: " + e.getMessage(), e);
            }
            long t3 = System.nanoTime();
            try {
                // Stored last: its appearance is what lists the segment in the playlist.
                bucket.upload(ObjectKeys.segment(sessionId, index), segment, "video/mp4");
            } catch (RuntimeException e) {
                throw new ConversionException("Could not store segment " + index + ": " + e.getMessage(), e);
            }
            long t4 = System.nanoTime();
            return "fetch " + (t1 - t0) / 1_000_000 + " ms, convert " + (t2 - t1) / 1_000_000 + " ms, prepare "
                    + (t3 - t2) / 1_000_000 + " ms, store " + (t4 - t3) / 1_000_000 + " ms";
        } catch (IOException e) {
            throw new ConversionException("No room to work on chunk " + index + ": " + e.getMessage(), e);
        } finally {
            ScratchFolders.deleteQuietly(dir);
        }
    }

    @Override
    public void close() {
        QueueIntake taking = intake;
        if (taking != null) {
            taking.close();
        }
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        converter.close();
    }
}
