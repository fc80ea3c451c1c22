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
 */
public record SessionStatus(
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("state") String state,
        @JsonProperty("chunks_received") int chunksReceived,
        @JsonProperty("segments_ready") int segmentsReady,
        @JsonProperty("chunks_behind") int chunksBehind,
        @JsonProperty("conversion_lag_seconds") double conversionLagSeconds,
        @JsonProperty("fallback_segments") List<Integer> fallbackSegments,
        @JsonProperty("last_conversion_error") @JsonInclude(JsonInclude.Include.ALWAYS) String lastConversionError) {

    public static final String LIVE = "live";
    public static final String ENDED = "ended";

    @JsonCreator
    public SessionStatus {
        fallbackSegments = fallbackSegments == null ? List.of() : List.copyOf(fallbackSegments);
    }

    public boolean ended() {
        return ENDED.equals(state);
    }
}
