package io.stereospot.server.lifecycle;

import java.time.Instant;
import java.util.Optional;

/** What the converter and the playlist need to know of a session record ({@code stream_sessions/{id}.json}). */
public record SessionRecord(String id, Instant createdAt, Optional<Instant> endedAt) {

    public boolean ended() {
        return endedAt.isPresent();
    }
}
