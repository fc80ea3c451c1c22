package io.stereospot.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Response of {@code GET /stream_sessions/{id}}: how far the server has got with a session. Only what a player of
 * the session may know (the id is all it takes, as for the playlist): never credentials, keys or server paths.
 *
 * @param state               {@link #LIVE} until the session is ended, then {@link #ENDED}
 * @param chunksReceived      chunks stored for the session
 * @param segmentsReady       segments from 0 without a gap: what the playlist lists
 * @param chunksBehind        chunks received that are not in the playlist yet
 * @param conversionLagSeconds {@code chunksBehind} in media seconds (each chunk counted at its nominal length)
 * @param fallbackSegments    segments served flat because the converter could not convert their chunk
 * @param lastConversionError why the converter last gave up on a chunk, or null
 * @param viewerDelaySeconds  how far behind the broadcaster's screen a viewer is who started at the live edge:
 *                            from the newest listed segment's first frame being captured to that segment being
 *                            listed (a player waits for each segment and plays it from its start); null before
 *                            the first segment. Capture and server clocks: equal in local mode, NTP apart else
 * @param endReason           why the server ended the session, when it did so itself: {@link #QUOTA_USED_UP}; null
 *                            otherwise (and from servers that do not say)
 */
public record SessionStatus(
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("state") String state,
        @JsonProperty("chunks_received") int chunksReceived,
        @JsonProperty("segments_ready") int segmentsReady,
        @JsonProperty("chunks_behind") int chunksBehind,
        @JsonProperty("conversion_lag_seconds") double conversionLagSeconds,
        @JsonProperty("fallback_segments") List<Integer> fallbackSegments,
        @JsonProperty("last_conversion_error") @JsonInclude(JsonInclude.Include.ALWAYS) String lastConversionError,
        @JsonProperty("viewer_delay_seconds") @JsonInclude(JsonInclude.Include.NON_NULL) Double viewerDelaySeconds,
        @JsonProperty("end_reason") @JsonInclude(JsonInclude.Include.NON_NULL) String endReason) {

    public static final String LIVE = "live";
    public static final String ENDED = "ended";
    /**
     * The server ended the session because a chunk would have taken it past its byte quota. On a store that refuses
     * the upload itself (the embedded one) the capture hears it from that refusal first; on AWS S3, which takes every
     * upload, only from here.
     */
    public static final String QUOTA_USED_UP = "session_quota_reached";

    @JsonCreator
    public SessionStatus {
        fallbackSegments = fallbackSegments == null ? List.of() : List.copyOf(fallbackSegments);
    }

    /** A status without an end reason (a server that does not give one, or a session not ended by the server). */
    public SessionStatus(String sessionId, String state, int chunksReceived, int segmentsReady, int chunksBehind,
            double conversionLagSeconds, List<Integer> fallbackSegments, String lastConversionError,
            Double viewerDelaySeconds) {
        this(sessionId, state, chunksReceived, segmentsReady, chunksBehind, conversionLagSeconds, fallbackSegments,
                lastConversionError, viewerDelaySeconds, null);
    }

    /** A status without a viewer delay (a server that does not report one, or no segment yet). */
    public SessionStatus(String sessionId, String state, int chunksReceived, int segmentsReady, int chunksBehind,
            double conversionLagSeconds, List<Integer> fallbackSegments, String lastConversionError) {
        this(sessionId, state, chunksReceived, segmentsReady, chunksBehind, conversionLagSeconds, fallbackSegments,
                lastConversionError, null);
    }

    public boolean ended() {
        return ENDED.equals(state);
    }

    /** The server ended the session at its byte quota. */
    public boolean endedByQuota() {
        return ended() && QUOTA_USED_UP.equals(endReason);
    }
}
