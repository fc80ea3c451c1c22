package io.stereospot.server.store;

import io.stereospot.server.iam.MintedCredential;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The rule a session credential's request is judged by, without I/O: expiry first (as AWS answers it), then the
 * session token, then the key. Only {@code s3:PutObject} of a chunk under the granted prefix is ever allowed.
 */
final class GrantCheck {

    /** Why a request was refused, as the S3 error it is answered with. */
    enum Refusal {
        EXPIRED_TOKEN,
        MISSING_TOKEN,
        INVALID_TOKEN,
        ACCESS_DENIED;

        S3Exception exception() {
            return switch (this) {
                case EXPIRED_TOKEN -> S3Errors.expiredToken();
                case MISSING_TOKEN -> S3Errors.missingToken();
                case INVALID_TOKEN -> S3Errors.invalidToken();
                case ACCESS_DENIED -> S3Errors.accessDenied();
            };
        }

        /** The S3 error code, e.g. {@code ExpiredToken}. */
        String errorCode() {
            return exception().awsErrorDetails().errorCode();
        }
    }

    private GrantCheck() {
    }

    /**
     * The refusal of any request made with {@code grant} whose credentials themselves are wrong (expired, or not
     * carrying the token minted with the key); empty when they are good.
     *
     * @param presentedToken the request's {@code x-amz-security-token}, or null when it carried none
     */
    static Optional<Refusal> credentials(MintedCredential grant, String presentedToken, Instant now) {
        if (grant.expiredAt(now)) {
            return Optional.of(Refusal.EXPIRED_TOKEN);
        }
        if (presentedToken == null || presentedToken.isEmpty()) {
            return Optional.of(Refusal.MISSING_TOKEN);
        }
        if (!MessageDigest.isEqual(presentedToken.getBytes(StandardCharsets.UTF_8),
                grant.sessionToken().getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(Refusal.INVALID_TOKEN);
        }
        return Optional.empty();
    }

    /** The refusal of a PutObject of {@code bucket/key} made with {@code grant}; empty when it may be stored. */
    static Optional<Refusal> put(MintedCredential grant, String presentedToken, Instant now, String bucket,
            String key) {
        return credentials(grant, presentedToken, now).or(() ->
                UploadKeys.allowed(grant.bucket(), grant.keyPrefix(), bucket, key)
                        ? Optional.empty() : Optional.of(Refusal.ACCESS_DENIED));
    }
}
