package io.stereospot.server.iam;

import java.time.Instant;

/** Temporary credentials as STS returned them. */
public record IssuedCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiresAt) {

    @Override
    public String toString() {
        return "IssuedCredentials[accessKeyId=" + accessKeyId + ", expiresAt=" + expiresAt
                + ", secretAccessKey=***, sessionToken=***]";
    }
}
