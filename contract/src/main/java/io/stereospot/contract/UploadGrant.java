package io.stereospot.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Temporary credentials for one session: PutObject under {@code keyPrefix} only, until {@code expiresAt}.
 *
 * <p>{@code endpoint} is null on AWS and the S3 URL of any other store (the embedded one, MinIO).
 * {@code expiresAt} stays an ISO-8601 string on the wire so this module needs no JSON library.
 */
public record UploadGrant(
        @JsonProperty("access_key_id") String accessKeyId,
        @JsonProperty("secret_access_key") String secretAccessKey,
        @JsonProperty("session_token") String sessionToken,
        @JsonProperty("bucket") String bucket,
        @JsonProperty("region") String region,
        @JsonProperty("endpoint") String endpoint,
        @JsonProperty("key_prefix") String keyPrefix,
        @JsonProperty("expires_at") String expiresAt) {

    @JsonCreator
    public UploadGrant {
    }

    public Instant expiresAtInstant() {
        return Instant.parse(expiresAt);
    }

    /** Secrets never reach a log through this record's string form. */
    @Override
    public String toString() {
        return "UploadGrant[accessKeyId=" + accessKeyId + ", bucket=" + bucket + ", region=" + region
                + ", endpoint=" + endpoint + ", keyPrefix=" + keyPrefix + ", expiresAt=" + expiresAt
                + ", secretAccessKey=***, sessionToken=***]";
    }
}
