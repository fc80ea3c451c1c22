package io.stereospot.server.session;

import java.time.Instant;

/**
 * A session as stored at {@code stream_sessions/{id}.json} (see {@link SessionRepository}).
 *
 * @param endedAt             null while the session is live
 * @param renewalSecretSha256 the SHA-256 of the renewal secret, hex; never the secret itself. Null for a record
 *                            written before renewal existed: its credentials cannot be renewed
 * @param credentialsExpireAt when the latest credentials handed out expire; null for a record written before
 *                            renewal existed (then {@code createdAt} plus the credential lifetime)
 */
public record SessionRecord(String id, String mode, Instant createdAt, Instant endedAt, String renewalSecretSha256,
        Instant credentialsExpireAt) {

    /** A record without renewal. */
    public SessionRecord(String id, String mode, Instant createdAt, Instant endedAt) {
        this(id, mode, createdAt, endedAt, null, null);
    }

    public boolean ended() {
        return endedAt != null;
    }
}
