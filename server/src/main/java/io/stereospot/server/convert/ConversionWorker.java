package io.stereospot.server.convert;

import io.stereospot.contract.ObjectKeys;
import io.stereospot.server.store.Bucket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each uploaded chunk into its segment: chunk {@code i} of a session becomes
 * {@code stream_output/{session}/seg_{i:05d}.mp4}, in index order within a session, several sessions at once on a
 * bounded pool. It learns of chunks from the store's notifications ({@link #objectStored}) and from a periodic
 * listing (AWS S3 sends none; after a restart the listing finds what was left unconverted).
 */
public final class ConversionWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConversionWorker.class);

    private final Bucket bucket;
    private final Converter converter;
    private final WorkerSettings settings;
    private final SegmentListener listener;
    private final Path workDir;
    private final Map<String, SessionLane> lanes = new ConcurrentHashMap<>();
    private final ExecutorService pool;
    private final ScheduledExecutorService poller;
    private final AtomicInteger converted = new AtomicInteger();

    public ConversionWorker(Bucket bucket, Converter converter, WorkerSettings settings, SegmentListener listener,
            Path workDir) {
        this.bucket = bucket;
        this.converter = converter;
        this.settings = settings;
        this.listener = listener;
        this.workDir = workDir;
        AtomicInteger threadNumber = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(settings.parallelSessions(), r -> {
            Thread t = new Thread(r, "converter-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "converter-poll");
            t.setDaemon(true);
            return t;
        });
    }

    /** Lists what is already uploaded (restart pickup) and starts the periodic listing. */
    public ConversionWorker start() {
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the converter's work folder " + workDir, e);
        }
        LOG.info("Converter worker started: {} converter, {} session(s) in parallel", converter.name(),
                settings.parallelSessions());
        long pollMs = settings.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::pollQuietly, 0, pollMs, TimeUnit.MILLISECONDS);
        return this;
    }

    /** A notification from the store: any key may come in; only chunk keys matter here. */
    public void objectStored(String key) {
        ChunkRef.fromKey(key).ifPresent(this::chunkSeen);
    }

    /** Segments written by this worker since it started. */
    public int convertedCount() {
        return converted.get();
    }

    /** The index at which a session's conversion gave up, if it did. */
    public OptionalInt failedIndex(String sessionId) {
        SessionLane lane = lanes.get(sessionId);
        return lane == null ? OptionalInt.empty() : lane.failedIndex;
    }

    /** Forget a session (its objects were swept). */
    public void forget(String sessionId) {
        lanes.remove(sessionId);
    }

    /** Lists the input prefix once; public so a caller can force it (tests, a manual rescan). */
    public void poll() {
        for (String key : bucket.keys(ObjectKeys.INPUT_ROOT)) {
            ChunkRef.fromKey(key).ifPresent(this::chunkSeen);
        }
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.warn("Listing new chunks failed (will try again): {}", e.toString());
        }
    }

    private void chunkSeen(ChunkRef chunk) {
        SessionLane lane = lanes.computeIfAbsent(chunk.sessionId(), SessionLane::new);
        if (lane.knownChunks.add(chunk.index()) || lane.hasWork()) {
            schedule(lane);
        }
    }

    private void schedule(SessionLane lane) {
        if (lane.hasWork() && lane.scheduled.compareAndSet(false, true)) {
            try {
                pool.execute(() -> drain(lane));
            } catch (RejectedExecutionException e) {
                lane.scheduled.set(false); // shutting down
            }
        }
    }

    /** Converts the lane's chunks in order for as long as the next one is there. */
    private void drain(SessionLane lane) {
        try {
            if (lane.nextIndex < 0) {
                lane.nextIndex = firstMissingSegment(lane.sessionId);
            }
            while (lane.hasWork() && !Thread.currentThread().isInterrupted()) {
                int index = lane.nextIndex;
                if (convertWithRetries(lane.sessionId, index)) {
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
            schedule(lane); // a chunk may have arrived between the last check and clearing the flag
        }
    }

    /** After a restart: segments 0..k-1 exist, so k is next. */
    private int firstMissingSegment(String sessionId) {
        java.util.Set<Integer> done = new java.util.HashSet<>();
        String prefix = ObjectKeys.outputPrefix(sessionId);
        for (String key : bucket.keys(prefix)) {
            ObjectKeys.segmentIndex(key.substring(prefix.length())).ifPresent(done::add);
        }
        int next = 0;
        while (done.contains(next)) {
            next++;
        }
        if (next > 0) {
            LOG.info("Session {}: segments 0..{} already converted, continuing at {}", sessionId, next - 1, next);
        }
        return next;
    }

    private boolean convertWithRetries(String sessionId, int index) throws InterruptedException {
        ConversionException last = null;
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            try {
                long started = System.nanoTime();
                String phases = convertOnce(sessionId, index);
                converted.incrementAndGet();
                LOG.info("Session {}: chunk {} converted ({}) in {} ms ({})", sessionId, index, converter.name(),
                        (System.nanoTime() - started) / 1_000_000, phases);
                return true;
            } catch (ConversionException e) {
                last = e;
                if (attempt < settings.attempts()) {
                    LOG.warn("Session {}: converting chunk {} failed (attempt {} of {}), retrying: {}", sessionId,
                            index, attempt, settings.attempts(), e.getMessage());
                    Thread.sleep(settings.retryBackoff().toMillis() * attempt);
                }
            }
        }
        LOG.error("Session {}: chunk {} could not be converted after {} attempts; its playlist stops before it. "
                + "Converter said: {}", sessionId, index, settings.attempts(), last.getMessage());
        return false;
    }

    /** @return how long each step took, for the log */
    private String convertOnce(String sessionId, int index) throws ConversionException, InterruptedException {
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
            converter.convert(chunk, segment);
            long t2 = System.nanoTime();
            if (!Files.isRegularFile(segment)) {
                throw new ConversionException("The " + converter.name() + " converter wrote no segment.");
            }
            try {
                listener.segmentConverted(sessionId, index, segment);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
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
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("Could not clean {}", dir, e);
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
