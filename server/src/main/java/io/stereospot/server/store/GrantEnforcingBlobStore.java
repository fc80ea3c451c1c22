package io.stereospot.server.store;

import io.stereospot.server.iam.MintedCredential;
import java.io.InputStream;
import java.time.Clock;
import java.util.Optional;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The store a session's temporary credentials see, built per request: {@code s3:PutObject} on the granted prefix
 * and nothing else. Every other operation is refused with {@code AccessDenied}; after {@code expires_at} every
 * operation is refused with {@code ExpiredToken}; a session token other than the one minted with the key is
 * refused with {@code InvalidToken} ({@link GrantCheck} is the rule).
 *
 * <p>S3Proxy authenticates the signature before calling any of these methods. A refused PUT drains the body first:
 * refusing before the body is read leaves the client writing into a closed socket (a broken pipe it retries).
 */
final class GrantEnforcingBlobStore extends RefusingBlobStore {

    private static final Logger LOG = LoggerFactory.getLogger(GrantEnforcingBlobStore.class);

    private final MintedCredential grant;
    private final String presentedToken;
    private final Clock clock;

    /** @param presentedToken the {@code x-amz-security-token} of this request, or null when it carried none */
    GrantEnforcingBlobStore(BlobStore delegate, MintedCredential grant, String presentedToken, Clock clock) {
        super(delegate);
        this.grant = grant;
        this.presentedToken = presentedToken;
        this.clock = clock;
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream body) {
        Optional<GrantCheck.Refusal> refusal =
                GrantCheck.put(grant, presentedToken, clock.instant(), request.bucket(), request.key());
        if (refusal.isPresent()) {
            long drained = RequestBodies.drain(body);
            LOG.info("Refused PutObject by {} ({} bytes drained): {}", grant.accessKeyId(), drained,
                    refusal.get().errorCode());
            throw refusal.get().exception();
        }
        return delegate().putBlob(request, body);
    }

    @Override
    protected S3Exception refused(String operation) {
        GrantCheck.Refusal refusal = GrantCheck.credentials(grant, presentedToken, clock.instant())
                .orElse(GrantCheck.Refusal.ACCESS_DENIED);
        LOG.info("Refused {} by {}: {}", operation, grant.accessKeyId(), refusal.errorCode());
        return refusal.exception();
    }
}
