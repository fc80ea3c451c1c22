package io.stereospot.server.playlist;

import io.stereospot.contract.ObjectKeys;
import io.stereospot.contract.SessionIds;
import io.stereospot.contract.SessionStatus;
import io.stereospot.server.segment.FlatSegments;
import io.stereospot.server.segment.SegmentIndex;
import io.stereospot.server.segment.SegmentTimeline;
import io.stereospot.server.session.SessionRecord;
import io.stereospot.server.session.SessionRepository;
import io.stereospot.server.store.Bucket;
import java.io.IOException;
import java.util.Optional;

/**
 * A session's progress as its players and its broadcaster may see it: live or ended, chunks received, segments in
 * the playlist, how far conversion is behind, and which segments are served flat because the converter gave up on
 * them. Counts come from the store (any server instance answers alike); which segments went flat and why comes
 * from this server's converter, which is the one that knows.
 */
public final class SessionStatusService {

    /**
     * A waiting player learns of a new segment at its next playlist reload and then downloads it (measured with
     * hls.js in HlsJsLiveTest: 7.7 s behind where the segment was listed 6.5 s after capture).
     */
    static final double PLAYER_PICKUP_SECONDS = 1.0;

    private final Bucket bucket;
    private final SegmentTimeline timeline;
    private final SessionRepository records;
    private final SegmentIndex segmentIndex;
    private final FlatSegments flat;
    private final int nominalSegmentSeconds;

    public SessionStatusService(Bucket bucket, SessionRepository records, FlatSegments flat,
            SegmentTimeline timeline, int nominalSegmentSeconds) {
        this.bucket = bucket;
        this.timeline = timeline;
        this.records = records;
        this.segmentIndex = new SegmentIndex(bucket);
        this.flat = flat;
        this.nominalSegmentSeconds = nominalSegmentSeconds;
    }

    /** The status, or empty when there is no such session. The id must be valid. */
    public Optional<SessionStatus> status(String sessionId) {
        SessionIds.requireValid(sessionId);
        Optional<SessionRecord> record = records.find(sessionId);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        int received = segmentIndex.storedChunks(sessionId).size();
        int ready = segmentIndex.contiguousCount(sessionId);
        int behind = Math.max(0, received - ready);
        return Optional.of(new SessionStatus(sessionId, record.get().ended() ? SessionStatus.ENDED : SessionStatus.LIVE,
                received, ready, behind, (double) behind * nominalSegmentSeconds, flat.fallbackSegments(sessionId),
                flat.lastConversionError(sessionId).orElse(null), viewerDelaySeconds(sessionId, ready),
                record.get().endReason()));
    }

    /**
     * From the newest listed segment's first frame to the moment it was listed (its MP4, stored last, appeared):
     * a viewer who waits for each segment at the live edge is that far behind the screen. Null when unknown.
     */
    private Double viewerDelaySeconds(String sessionId, int segmentsReady) {
        if (segmentsReady == 0) {
            return null;
        }
        int newest = segmentsReady - 1;
        try {
            long capturedAtMs = timeline.facts(sessionId, newest).capturedAtMs();
            var listed = bucket.info(ObjectKeys.segment(sessionId, newest));
            if (capturedAtMs <= 0 || listed.isEmpty() || listed.get().lastModified() == null) {
                return null;
            }
            // The store's time has whole seconds: half a second is the likeliest part it dropped.
            double seconds = (listed.get().lastModified().toEpochMilli() + 500 - capturedAtMs) / 1000.0
                    + PLAYER_PICKUP_SECONDS;
            return seconds > 0 ? Math.round(seconds * 10) / 10.0 : null;
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
