package io.stereospot.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Response of {@code POST /stream_sessions/{id}/credentials} (200): new credentials for the same session, with the
 * same bucket, key prefix and endpoint as the first ones, and a later {@code expires_at}. The earlier credentials
 * keep working until their own expiry.
 */
public record RenewedCredentials(
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("upload") UploadGrant upload) {

    @JsonCreator
    public RenewedCredentials {
    }
}
