package io.stereospot.capture.upload;

import io.stereospot.contract.ObjectKeys;
import io.stereospot.contract.UploadGrant;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * PUTs chunks to {@code stream_input/{session_id}/chunk_{i:05d}.mp4} with the session's temporary credentials
 * (and its endpoint when the store is not AWS). The SDK's own retries are off: {@link ChunkUploader} makes the
 * attempts, so "3 attempts" means exactly 3 requests.
 */
public final class S3ChunkStore implements ChunkStore {

    /** Codes that mean the credentials themselves are refused: trying again cannot help. */
    private static final Set<String> CREDENTIAL_CODES = Set.of("ExpiredToken", "AccessDenied",
            "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "TokenRefreshRequired");

    private final String sessionId;
    private final String bucket;
    private final S3Client s3;

    public S3ChunkStore(String sessionId, UploadGrant grant) {
        this.sessionId = sessionId;
        this.bucket = grant.bucket();
        var builder = S3Client.builder()
                .region(Region.of(grant.region() == null || grant.region().isBlank() ? "us-east-1" : grant.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        grant.accessKeyId(), grant.secretAccessKey(), grant.sessionToken())))
                // Plain bodies with a Content-MD5-free PUT work with every S3-compatible store.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                // A 5-second chunk is small: send it at once rather than wait a round trip for "100 Continue".
                .serviceConfiguration(S3Configuration.builder().expectContinueEnabled(false).build())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(Duration.ofSeconds(30))
                        .apiCallTimeout(Duration.ofSeconds(30)));
        if (grant.endpoint() != null && !grant.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(grant.endpoint())).forcePathStyle(true);
        }
        this.s3 = builder.build();
    }

    /** The object key of chunk {@code index}. */
    public String key(int index) {
        return ObjectKeys.chunk(sessionId, index);
    }

    @Override
    public void put(int index, Path file) throws UploadAttemptException {
        PutObjectRequest request = PutObjectRequest.builder()
                .bucket(bucket).key(key(index)).contentType("video/mp4").build();
        try {
            s3.putObject(request, RequestBody.fromFile(file));
        } catch (S3Exception e) {
            AwsErrorDetails details = e.awsErrorDetails();
            String code = details == null ? null : details.errorCode();
            String message = details == null ? e.getMessage() : details.errorMessage();
            boolean credentials = code != null && CREDENTIAL_CODES.contains(code);
            String reason = credentials && "ExpiredToken".equals(code)
                    ? "the upload credentials have expired (" + e.statusCode() + " ExpiredToken)"
                    : credentials
                    ? "the store refused the upload credentials (" + e.statusCode() + " " + code
                            + (message == null ? "" : ": " + message) + ")"
                    : "the store answered " + e.statusCode() + (code == null ? "" : " " + code)
                            + (message == null || message.isBlank() ? "" : " (" + message + ")");
            throw new UploadAttemptException(reason, !credentials, e);
        } catch (SdkClientException e) {
            throw new UploadAttemptException("the store could not be reached (" + rootMessage(e) + ")", true, e);
        } catch (SdkException e) {
            throw new UploadAttemptException("the upload failed (" + rootMessage(e) + ")", true, e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }

    @Override
    public void close() {
        s3.close();
    }
}
