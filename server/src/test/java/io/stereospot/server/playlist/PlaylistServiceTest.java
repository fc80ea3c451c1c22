package io.stereospot.server.playlist;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.contract.ObjectKeys;
import io.stereospot.contract.SessionIds;
import io.stereospot.server.segment.SegmentTimeline;
import io.stereospot.server.ingest.ObjectEvents;
import io.stereospot.server.session.SessionRecord;
import io.stereospot.server.session.SessionRepository;
import io.stereospot.server.store.Bucket;
import io.stereospot.media.testenv.Await;
import io.stereospot.server.testing.LocalS3Extension;
import io.stereospot.server.testing.PlaybackHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What the playlist lists and when it changes, over a real S3 endpoint with a hand-driven clock. */
class PlaylistServiceTest {

    static final Duration FRESHNESS = Duration.ofSeconds(1);

    @RegisterExtension
    static final LocalS3Extension S3 = new LocalS3Extension();

    @TempDir
    Path work;

    Bucket bucket;
    SessionRepository records;
    AtomicLong nanos = new AtomicLong();
    final Executor refreshThreads = PlaylistService.refreshThreads();
    /** Background rebuilds finished so far. */
    AtomicInteger rebuilds = new AtomicInteger();
    PlaylistService playlists;
    String session = SessionIds.newId();

    @BeforeEach
    void setUp() {
        bucket = S3.newBucket();
        records = new SessionRepository(bucket);
        playlists = new PlaylistService(bucket, records, new SegmentTimeline(bucket, work), 5,
                FRESHNESS, nanos::get, rebuild -> refreshThreads.execute(() -> {
                    try {
                        rebuild.run();
                    } finally {
                        rebuilds.incrementAndGet();
                    }
                }));
        records.save(new SessionRecord(session, "sbs", Instant.now(), null));
    }

    /** The store's notifications as the server delivers them (no listing: these tests list nothing). */
    private ObjectEvents events() {
        return new ObjectEvents(bucket, Duration.ofHours(1), List.of(playlists));
    }

    /** A converted segment as the worker leaves it: the MP4 and its measured duration. */
    private void segment(int index, double seconds) {
        bucket.put(ObjectKeys.segmentDuration(session, index), ("{\"duration_seconds\":" + seconds + "}").getBytes(),
                "application/json");
        bucket.put(ObjectKeys.segment(session, index), new byte[] {0}, "video/mp4");
    }

    private void chunk(int index) {
        bucket.put(ObjectKeys.chunk(session, index), new byte[] {0}, "video/mp4");
    }

    private long listed() throws Exception {
        return PlaybackHarness.segmentCount(playlists.playlist(session).orElseThrow());
    }

    @Test
    void listsOnlyTheContiguousRunFromZero() throws Exception {
        segment(0, 5.02);
        segment(1, 4.98);
        segment(3, 5.0);
        String text = playlists.playlist(session).orElseThrow();
        assertThat(text).contains("#EXTINF:5.020000,\nseg_00000.ts\n#EXTINF:4.980000,\nseg_00001.ts\n")
                .doesNotContain("seg_00003");
        assertThat(playlists.playlist(SessionIds.newId())).isEmpty();
    }

    @Test
    void aLivePlaylistIsServedFromMemoryThenRefreshedInTheBackground() throws Exception {
        segment(0, 5.0);
        assertThat(listed()).isEqualTo(1);
        segment(1, 5.0);
        assertThat(listed()).as("within its freshness, the kept text").isEqualTo(1);

        nanos.addAndGet(FRESHNESS.toNanos());
        assertThat(listed()).as("stale: still answered at once, and a refresh starts").isEqualTo(1);
        Await.value("refreshed playlist", () -> {
            try {
                return listed();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, n -> n == 2, Duration.ofSeconds(10));
    }

    @Test
    void aStoreNotificationRefreshesTheKeptTextWithoutMakingPlayersWait() throws Exception {
        segment(0, 5.0);
        assertThat(listed()).isEqualTo(1);
        segment(1, 5.0);
        events().objectStored(ObjectKeys.segment(session, 1));
        // The clock does not move: only the notification can bring segment 1 in.
        awaitListed(2);
    }

    @Test
    void aNewSessionsPlaylistIsBuiltBeforeAnyPlayerAsks() throws Exception {
        String fresh = SessionIds.newId();
        records.save(new SessionRecord(fresh, "sbs", Instant.now(), null));
        events().objectStored(ObjectKeys.sessionRecord(fresh));
        Await.until("the new session's playlist built", () -> rebuilds.get() == 1, Duration.ofSeconds(10));
        // Kept: answered from memory (the clock does not move, so it is fresh), not from the store.
        bucket.delete(ObjectKeys.sessionRecord(fresh));
        assertThat(playlists.playlist(fresh)).as("the playlist built before anyone asked").isPresent();
    }

    @Test
    void endlistOnlyOnceEndedAndEveryUploadedChunkHasItsSegment() throws Exception {
        for (int i = 0; i < 3; i++) {
            chunk(i);
        }
        segment(0, 5.0);
        segment(1, 5.0);
        assertThat(listed()).isEqualTo(2);
        records.markEnded(session, Instant.now());
        int before = rebuilds.get();
        playlists.invalidate(session);
        awaitRebuilt(before);
        assertThat(playlists.playlist(session).orElseThrow()).as("chunk 2 not converted yet")
                .doesNotContain("#EXT-X-ENDLIST");

        segment(2, 5.0);
        playlists.invalidate(session);
        Await.until("ENDLIST after the last segment", () -> playlistText().endsWith("seg_00002.ts\n#EXT-X-ENDLIST\n"),
                Duration.ofSeconds(10));
    }

    private void awaitListed(long count) {
        Await.value("playlist with " + count + " segments", () -> PlaybackHarness.segmentCount(playlistText()),
                n -> n == count, Duration.ofSeconds(10));
    }

    /** The background build started after {@code before} builds has replaced the kept text. */
    private void awaitRebuilt(int before) {
        Await.until("the kept text rebuilt", () -> rebuilds.get() > before, Duration.ofSeconds(10));
    }

    private String playlistText() {
        try {
            return playlists.playlist(session).orElseThrow();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anEndedSessionWithAGapNeverClaimsToBeComplete() throws Exception {
        for (int i = 0; i < 3; i++) {
            chunk(i);
        }
        segment(0, 5.0);
        segment(2, 5.0); // chunk 1 failed for good
        records.markEnded(session, Instant.now());
        String text = playlists.playlist(session).orElseThrow();
        assertThat(text).doesNotContain("#EXT-X-ENDLIST").doesNotContain("seg_00002");
        assertThat(PlaybackHarness.segmentCount(text)).isEqualTo(1);
    }
}
