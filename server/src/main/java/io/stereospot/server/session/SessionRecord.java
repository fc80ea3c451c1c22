package io.stereospot.server.session;

import java.time.Instant;

/**
 * A session as stored at {@code stream_sessions/{id}.json} (see {@link SessionRepository}).
 *
 * @param endedAt null while the session is live
 */
public record SessionRecord(String id, String mode, Instant createdAt, Instant endedAt) {

    public boolean ended() {
        return endedAt != null;
    }
}
