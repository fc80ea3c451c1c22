package io.stereospot.server.segment;

import io.stereospot.contract.ObjectKeys;
import io.stereospot.server.store.Bucket;
import io.stereospot.server.store.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes segments playable: MPEG-TS with continuous timestamps, made once per segment and kept in the store
 * ({@code stream_output/{id}/seg_{i:05d}.ts}) with the segment's measured duration. The converter worker makes them
 * as it goes ({@link #prepare}, one call per segment); a segment written by something else is made on its first
 * request ({@link #stored}), once even when many ask at the same moment.
 */
public final class TransportSegments {

    private static final Logger LOG = LoggerFactory.getLogger(TransportSegments.class);

    private final Bucket bucket;
    private final SegmentTimeline timeline;
    private final SegmentIndex segmentIndex;
    private final Path workDir;
    private final Map<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    /** The continuity counters each made segment ended with, by its key (see {@link TransportContinuity}). */
    private final Map<String, Map<Integer, Integer>> endCounters = new ConcurrentHashMap<>();
    private final Executor measurer = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "segment-measure");
        t.setDaemon(true);
        return t;
    });

    public TransportSegments(Bucket bucket, SegmentTimeline timeline, Path workDir) {
        this.bucket = bucket;
        this.timeline = timeline;
        this.segmentIndex = new SegmentIndex(bucket);
        this.workDir = workDir;
    }

    /**
     * For a segment the converter worker has just made on local disk: measure it and store its MPEG-TS form, listed
     * in parts ({@link SegmentParts}). The worker's one call here per segment.
     *
     * @param fallback why the segment is served flat; null for a converted one
     */
    public void prepare(String sessionId, int index, Path mp4, FallbackNote fallback)
            throws IOException, InterruptedException {
        make(sessionId, index, mp4, fallback, true);
    }

    /**
     * @param inParts list it as the parts a player can start on; false for a segment made on request, which may
     *                already be listed whole, whose entries must not change under a player
     */
    private void make(String sessionId, int index, Path mp4, FallbackNote fallback, boolean inParts)
            throws IOException, InterruptedException {
        // The segment's own duration is not needed for its remux (only those before it are), so measuring it and
        // remuxing it run side by side: two program start-ups overlap instead of adding up.
        CompletableFuture<Double> measured = CompletableFuture.supplyAsync(() -> {
            try {
                return MediaProbe.durationSeconds(mp4);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }, measurer);
        double offset = timeline.offset(sessionId, index);
        Files.createDirectories(workDir);
        Path ts = Files.createTempFile(workDir, "seg-", ".ts");
        try {
            TransportStreamRemuxer.remux(mp4, offset, ts);
            Map<Integer, Integer> after = TransportContinuity.carryOn(ts, countersBefore(sessionId, index));
            List<SegmentTimeline.Part> parts = inParts ? SegmentParts.find(ts) : List.of();
            bucket.upload(ObjectKeys.transportStream(sessionId, index), ts, "video/mp2t");
            endCounters.put(ObjectKeys.transportStream(sessionId, index), after);
            timeline.record(sessionId, index, measured.get(), fallback, parts);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
            throw cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
        } finally {
            measured.cancel(false);
            Files.deleteIfExists(ts);
        }
    }

    /**
     * The continuity counters segment {@code index} starts from: those segment {@code index - 1} ended with. Kept
     * in memory as segments are made (a session's lane makes them in index order); after a restart, read from the
     * stored segment, which is made first if it was not yet.
     */
    private Map<Integer, Integer> countersBefore(String sessionId, int index) throws IOException, InterruptedException {
        if (index == 0) {
            return Map.of();
        }
        String previous = ObjectKeys.transportStream(sessionId, index - 1);
        Map<Integer, Integer> known = endCounters.get(previous);
        if (known != null) {
            return known;
        }
        Optional<InputStream> stored = stored(sessionId, index - 1).flatMap(StoredObject::open);
        if (stored.isEmpty()) {
            // Segments are made in order, so this is a gap no player will cross; start afresh.
            return Map.of();
        }
        try (InputStream in = stored.get()) {
            Map<Integer, Integer> counters = TransportContinuity.lastCounters(in.readAllBytes());
            endCounters.put(previous, counters);
            return counters;
        }
    }

    /** Forget a swept session. */
    public void forget(String sessionId) {
        endCounters.keySet().removeIf(k -> k.startsWith(ObjectKeys.outputPrefix(sessionId)));
    }

    /**
     * Segment {@code index} as stored, with its size, for answers with byte ranges; made first if it was not yet,
     * and empty when it does not exist (yet).
     */
    public Optional<StoredObject> stored(String sessionId, int index) throws IOException, InterruptedException {
        String key = ObjectKeys.transportStream(sessionId, index);
        Optional<StoredObject> stored = bucket.stored(key);
        if (stored.isPresent() || segmentIndex.contiguousCount(sessionId) <= index) {
            // Its place on the timeline depends on every segment before it; one is missing (yet, or for good).
            return stored;
        }
        makeOnce(sessionId, index, key);
        return bucket.stored(key);
    }

    private void makeOnce(String sessionId, int index, String key) throws IOException, InterruptedException {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            try {
                running.get();
                return;
            } catch (ExecutionException e) {
                throw new IOException("Segment " + index + " could not be made playable: "
                        + e.getCause().getMessage(), e.getCause());
            }
        }
        try {
            Files.createDirectories(workDir);
            Path mp4 = Files.createTempFile(workDir, "seg-", ".mp4");
            try {
                bucket.download(ObjectKeys.segment(sessionId, index), mp4);
                LOG.info("Session {}: making segment {} playable on first request", sessionId, index);
                make(sessionId, index, mp4, null, false);
            } finally {
                Files.deleteIfExists(mp4);
            }
            mine.complete(null);
        } catch (IOException | InterruptedException | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }
}
