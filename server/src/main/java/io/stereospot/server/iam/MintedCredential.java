package io.stereospot.server.iam;

import java.time.Instant;
import java.util.Objects;

/**
 * Temporary credentials the embedded STS handed out, with the grant they carry: PutObject on
 * {@code bucket/keyPrefix*} until {@code expiresAt}.
 */
public record MintedCredential(
        String accessKeyId,
        String secretAccessKey,
        String sessionToken,
        String bucket,
        String keyPrefix,
        Instant expiresAt) {

    public MintedCredential {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(sessionToken, "sessionToken");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "MintedCredential[accessKeyId=" + accessKeyId + ", bucket=" + bucket + ", keyPrefix=" + keyPrefix
                + ", expiresAt=" + expiresAt + ", secretAccessKey=***, sessionToken=***]";
    }
}
