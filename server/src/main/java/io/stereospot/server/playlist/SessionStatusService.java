package io.stereospot.server.playlist;

import io.stereospot.contract.SessionIds;
import io.stereospot.contract.SessionStatus;
import io.stereospot.server.convert.ConversionWorker;
import io.stereospot.server.convert.SegmentIndex;
import io.stereospot.server.session.SessionRecord;
import io.stereospot.server.session.SessionRepository;
import io.stereospot.server.store.Bucket;
import java.util.Optional;

/**
 * A session's progress as its players and its broadcaster may see it: live or ended, chunks received, segments in
 * the playlist, how far conversion is behind, and which segments are served flat because the converter gave up on
 * them. Counts come from the store (any server instance answers alike); which segments went flat and why comes
 * from this server's converter, which is the one that knows.
 */
public final class SessionStatusService {

    private final SessionRepository records;
    private final SegmentIndex segmentIndex;
    private final ConversionWorker worker;
    private final int nominalSegmentSeconds;

    public SessionStatusService(Bucket bucket, SessionRepository records, ConversionWorker worker,
            int nominalSegmentSeconds) {
        this.records = records;
        this.segmentIndex = new SegmentIndex(bucket);
        this.worker = worker;
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
                received, ready, behind, (double) behind * nominalSegmentSeconds, worker.fallbackSegments(sessionId),
                worker.lastConversionError(sessionId).orElse(null)));
    }
}
