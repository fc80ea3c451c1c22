package io.stereospot.server.testing;

import io.stereospot.contract.UploadGrant;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** An S3 client with a session's upload credentials, exactly as a capture client would build it. */
public final class SessionS3 {

    private SessionS3() {
    }

    public static S3Client client(UploadGrant grant) {
        return client(grant, grant.secretAccessKey(), grant.sessionToken());
    }

    /** Like {@link #client(UploadGrant)} but with the SDK's standard retry strategy (3 attempts, backoff). */
    public static S3Client retryingClient(UploadGrant grant) {
        return builder(grant, grant.secretAccessKey(), grant.sessionToken())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
                .build();
    }

    /** With a secret or token of the caller's choosing (to prove wrong ones are refused); no retries. */
    public static S3Client client(UploadGrant grant, String secret, String token) {
        return builder(grant, secret, token)
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    private static S3ClientBuilder builder(UploadGrant grant, String secret, String token) {
        return S3Client.builder()
                .region(Region.of(grant.region()))
                .endpointOverride(URI.create(grant.endpoint()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsSessionCredentials.create(grant.accessKeyId(), secret, token)));
    }
}
