package io.stereospot.server.playlist;

import io.stereospot.contract.ChunkKey;
import io.stereospot.contract.SessionIds;
import io.stereospot.server.segment.SegmentIndex;
import io.stereospot.server.segment.SegmentTimeline;
import io.stereospot.server.ingest.ObjectListener;
import io.stereospot.server.session.SessionRecord;
import io.stereospot.server.session.SessionRepository;
import io.stereospot.server.store.Bucket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's live playlist: the contiguous run of segments from 0, ENDLIST once the session ended and every
 * uploaded chunk has its segment.
 *
 * <p>Players ask every few seconds and may be many; building a playlist takes a few store requests, which under
 * load (many streams uploading into the same store) take hundreds of milliseconds. So a player never waits for the
 * store once a session's text exists: the kept text is served at once, and one background build replaces it when
 * it is older than {@code freshness} or when the local store says something of the session changed (then at once,
 * so the new segment is listed by the time the next player asks). A finished playlist never changes, so it is only
 * looked at again once a minute.
 *
 * <p>A player's request itself may be held, never on a thread of its own, until the playlist lists what the player
 * waits for ({@link ReloadRule}): that is how a new segment reaches a player the moment it is listed.
 */
public final class PlaylistService implements ObjectListener {

    private final SessionRepository records;
    private final SegmentIndex segmentIndex;
    private final SegmentTimeline timeline;
    private final int nominalSegmentSeconds;
    private final long freshnessNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, Object> buildLocks = new ConcurrentHashMap<>();

    private static final Logger LOG = LoggerFactory.getLogger(PlaylistService.class);

    private static final long COMPLETE_MAX_AGE_NANOS = Duration.ofMinutes(1).toNanos();

    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();
    private final Executor refresher;

    /** Changes the store reported, per session: a text built before the latest one is stale. */
    private final Map<String, AtomicLong> changes = new ConcurrentHashMap<>();

    /**
     * @param playlist   what a held request looks at: the bytes (encoded once), how many segments, complete
     * @param generation the session's change count when the build began
     */
    private record Cached(String text, PlaylistHold.Playlist playlist, long builtAtNanos, long generation) {
        Cached(String text, int segments, int entries, boolean complete, long builtAtNanos, long generation) {
            this(text, new PlaylistHold.Playlist(text.getBytes(StandardCharsets.UTF_8), segments, entries, complete),
                    builtAtNanos, generation);
        }

        boolean complete() {
            return playlist.complete();
        }
    }

    private final PlaylistHold hold = new PlaylistHold(this::snapshot);
    /**
     * The highest chunk index the store reported per session, and when (the same chunk stored again keeps its first
     * arrival, the capture's pace): is the next segment on its way?
     */
    private final Map<String, ChunkArrival> lastChunk = new ConcurrentHashMap<>();

    private record ChunkArrival(int index, long atNanos) {
        static ChunkArrival later(ChunkArrival a, ChunkArrival b) {
            return b.index > a.index ? b : a;
        }
    }

    /** @param refresher where kept texts are rebuilt in the background ({@link #refreshThreads()}) */
    public PlaylistService(Bucket bucket, SessionRepository records, SegmentTimeline timeline,
            int nominalSegmentSeconds, Duration freshness, LongSupplier nanoTime, Executor refresher) {
        this.refresher = refresher;
        this.records = records;
        this.segmentIndex = new SegmentIndex(bucket);
        this.timeline = timeline;
        this.nominalSegmentSeconds = nominalSegmentSeconds;
        this.freshnessNanos = freshness.toNanos();
        this.nanoTime = nanoTime;
    }

    /** The playlist text, or empty when there is no such session. The id must be valid. */
    public Optional<String> playlist(String sessionId) throws IOException, InterruptedException {
        return current(sessionId).map(Cached::text);
    }

    /**
     * The playlist bytes for a player's request, at once or once the playlist lists what the player waits for, as
     * {@link ReloadRule} decides: its first segment, the segment its {@code _HLS_msn} names, or the next segment when
     * that one's chunk is already in. Empty when there is no such session; fails with {@link TooFarAhead} for an
     * {@code _HLS_msn} more than two past the last segment. The id must be valid.
     *
     * @param mediaSequence the request's {@code _HLS_msn} (0 or more), if it has one
     */
    public CompletableFuture<Optional<byte[]>> playlistBytesFor(String sessionId, OptionalInt mediaSequence) {
        SessionIds.requireValid(sessionId);
        Optional<PlaylistHold.Playlist> now;
        try {
            now = snapshot(sessionId);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
        if (now.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        ChunkArrival last = lastChunk.get(sessionId);
        ReloadRule.NextChunk next = last == null ? ReloadRule.NextChunk.unknown() : ReloadRule.NextChunk.after(
                last.index(), last.atNanos(), now.get().segments(), nanoTime.getAsLong(), nominalSegmentSeconds);
        ReloadRule.Decision decision = ReloadRule.decide(now.get(), mediaSequence, next, nominalSegmentSeconds);
        if (decision instanceof ReloadRule.Hold held) {
            return hold.await(sessionId, held.until(), held.maxWait(), held.waitingFor());
        }
        if (decision instanceof ReloadRule.TooFarAhead ahead) {
            return CompletableFuture.failedFuture(new TooFarAhead(ahead.message()));
        }
        return CompletableFuture.completedFuture(Optional.of(now.get().bytes()));
    }

    /** A blocking reload asked for a segment too far past the playlist's last one: the player's mistake (400). */
    public static final class TooFarAhead extends RuntimeException {
        TooFarAhead(String message) {
            super(message, null, false, false);
        }
    }

    private Optional<PlaylistHold.Playlist> snapshot(String sessionId) throws IOException, InterruptedException {
        return current(sessionId).map(Cached::playlist);
    }

    private Optional<Cached> current(String sessionId) throws IOException, InterruptedException {
        SessionIds.requireValid(sessionId);
        Cached cached = cache.get(sessionId);
        if (cached != null) {
            if (!isFresh(sessionId, cached)) {
                refreshInBackground(sessionId);
            }
            // A second-old live playlist is what players expect anyway; nobody waits for the store.
            return Optional.of(cached);
        }
        return rebuild(sessionId);
    }

    /** One build per session at a time: a crowd of players arriving together costs one set of store requests. */
    private Optional<Cached> rebuild(String sessionId) throws IOException, InterruptedException {
        synchronized (buildLocks.computeIfAbsent(sessionId, k -> new Object())) {
            Cached cached = cache.get(sessionId);
            if (cached != null && isFresh(sessionId, cached)) {
                return Optional.of(cached);
            }
            Optional<Cached> built = build(sessionId, nanoTime.getAsLong(), generation(sessionId));
            built.ifPresentOrElse(c -> cache.put(sessionId, c), () -> cache.remove(sessionId));
            return built;
        }
    }

    /**
     * A finished playlist does not change, but is looked at again now and then: another server instance may have
     * swept its session.
     */
    private long maxAgeNanos(Cached cached) {
        return cached.complete() ? COMPLETE_MAX_AGE_NANOS : freshnessNanos;
    }

    private boolean isFresh(String sessionId, Cached cached) {
        return cached.generation == generation(sessionId)
                && nanoTime.getAsLong() - cached.builtAtNanos < maxAgeNanos(cached);
    }

    private long generation(String sessionId) {
        AtomicLong changed = changes.get(sessionId);
        return changed == null ? 0 : changed.get();
    }

    private void refreshInBackground(String sessionId) {
        if (refreshing.add(sessionId)) {
            refresher.execute(() -> {
                try {
                    // Again while the store reported a change during the build: that build may have missed it.
                    Optional<Cached> built;
                    do {
                        built = rebuild(sessionId);
                    } while (built.isPresent() && built.get().generation != generation(sessionId));
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Refreshing the playlist of session {} failed: {}", sessionId, e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    refreshing.remove(sessionId);
                }
            });
        }
    }

    private Optional<Cached> build(String sessionId, long builtAt, long generation) throws IOException, InterruptedException {
        Optional<SessionRecord> record = records.find(sessionId);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        int contiguous = segmentIndex.contiguousCount(sessionId);
        List<SegmentTimeline.Facts> segments = new ArrayList<>(contiguous);
        for (int i = 0; i < contiguous; i++) {
            segments.add(timeline.facts(sessionId, i));
        }
        boolean complete = record.get().ended() && everyChunkHasSegment(record.get(), segments.size());
        return Optional.of(new Cached(PlaylistRenderer.render(segments, complete, nominalSegmentSeconds),
                contiguous, PlaylistRenderer.entryCount(segments), complete, builtAt, generation));
    }

    /** Chunks past a used-up quota are never converted (on AWS S3 they are stored all the same): none is awaited. */
    private boolean everyChunkHasSegment(SessionRecord record, int contiguousSegments) {
        return segmentIndex.storedChunks(record.id()).stream()
                .filter(index -> !record.pastQuota(index))
                .allMatch(index -> index < contiguousSegments);
    }

    /** A chunk in the store: its segment is on its way, so a player's reload may wait for it (ReloadRule). */
    @Override
    public void chunkStored(ChunkKey chunk) {
        lastChunk.merge(chunk.sessionId(), new ChunkArrival(chunk.index(), nanoTime.getAsLong()), ChunkArrival::later);
    }

    /** A new segment (or its player form) makes the kept text stale. */
    @Override
    public void outputStored(String sessionId) {
        invalidate(sessionId);
    }

    /** A changed record (the session ended) makes the kept text stale; a new one is built before anyone asks. */
    @Override
    public void recordStored(String sessionId) {
        invalidate(sessionId);
        if (!cache.containsKey(sessionId)) {
            // A new session: its playlist URL has just been handed out, so a player is about to ask.
            refreshInBackground(sessionId);
        }
    }

    /** The session changed: its kept text is stale, and is rebuilt now in the background if anyone is watching. */
    public void invalidate(String sessionId) {
        changes.computeIfAbsent(sessionId, k -> new AtomicLong()).incrementAndGet();
        if (cache.containsKey(sessionId)) {
            refreshInBackground(sessionId);
        }
    }

    /** Threads for background rebuilds, as many as sessions rebuilding at once; they never keep the JVM alive. */
    public static Executor refreshThreads() {
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "playlist-refresh");
            t.setDaemon(true);
            return t;
        });
    }

    /** Forget a swept session. */
    public void forget(String sessionId) {
        cache.remove(sessionId);
        buildLocks.remove(sessionId);
        changes.remove(sessionId);
        lastChunk.remove(sessionId);
    }
}
