package io.stereospot.server.session;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A session as stored at {@code stream_sessions/{id}.json} in the bucket: the only state of a session, so any
 * server instance can answer for it.
 */
public record SessionRecord(
        @JsonProperty("id") String id,
        @JsonProperty("mode") String mode,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("ended_at") Instant endedAt) {

    @JsonCreator
    public SessionRecord {
    }

    public boolean ended() {
        return endedAt != null;
    }

    public SessionRecord endedAt(Instant when) {
        return new SessionRecord(id, mode, createdAt, when);
    }
}
