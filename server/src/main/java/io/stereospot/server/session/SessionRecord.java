package io.stereospot.server.session;

import io.stereospot.contract.SessionStatus;
import java.time.Instant;

/**
 * A session as stored at {@code stream_sessions/{id}.json} (see {@link SessionRepository}).
 *
 * @param endedAt             null while the session is live
 * @param renewalSecretSha256 the SHA-256 of the renewal secret, hex; never the secret itself. Null for a record
 *                            written before renewal existed: its credentials cannot be renewed
 * @param credentialsExpireAt when the latest credentials handed out expire; null for a record written before
 *                            renewal existed (then {@code createdAt} plus the credential lifetime)
 * @param chunkBytes          bytes of the chunks counted against the session's quota
 *                            ({@link io.stereospot.server.store.SessionQuota})
 * @param chunksCounted       chunks {@code 0..chunksCounted-1} are counted in {@code chunkBytes}
 * @param endReason           {@link #QUOTA_USED_UP} when the quota ended the session; null otherwise
 */
public record SessionRecord(String id, String mode, Instant createdAt, Instant endedAt, String renewalSecretSha256,
        Instant credentialsExpireAt, long chunkBytes, int chunksCounted, String endReason) {

    /** The end reason of a session whose byte quota was used up (the status tells the broadcaster the same word). */
    public static final String QUOTA_USED_UP = SessionStatus.QUOTA_USED_UP;

    /** A record with nothing counted yet. */
    public SessionRecord(String id, String mode, Instant createdAt, Instant endedAt, String renewalSecretSha256,
            Instant credentialsExpireAt) {
        this(id, mode, createdAt, endedAt, renewalSecretSha256, credentialsExpireAt, 0, 0, null);
    }

    /** A record without renewal. */
    public SessionRecord(String id, String mode, Instant createdAt, Instant endedAt) {
        this(id, mode, createdAt, endedAt, null, null);
    }

    public boolean ended() {
        return endedAt != null;
    }

    /**
     * Ended because a chunk would have taken it past its byte quota: no chunk from {@link #chunksCounted} on is
     * converted.
     */
    public boolean endedByQuota() {
        return QUOTA_USED_UP.equals(endReason);
    }

    /** Whether the quota ended the session before chunk {@code index}: that chunk is never converted. */
    public boolean pastQuota(int index) {
        return endedByQuota() && index >= chunksCounted;
    }
}
