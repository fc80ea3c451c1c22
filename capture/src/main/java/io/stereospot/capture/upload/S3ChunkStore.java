package io.stereospot.capture.upload;

import io.stereospot.contract.ObjectKeys;
import io.stereospot.contract.UploadGrant;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
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
 * attempts, so "3 attempts" means exactly 3 requests. Renewed credentials replace the current ones in one step
 * ({@link #useCredentials}); the SDK reads them as it signs each request, so a PUT already signed is unaffected.
 */
public final class S3ChunkStore implements ChunkStore {

    private static final Logger LOG = LoggerFactory.getLogger(S3ChunkStore.class);

    /** Codes that mean the credentials themselves are refused: trying again cannot help. */
    private static final Set<String> CREDENTIAL_CODES = Set.of("ExpiredToken", "AccessDenied",
            "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "TokenRefreshRequired");

    /** What the stream server's embedded store says when its disk is full (a 503 SlowDown: worth retrying). */
    private static final String DISK_FULL = "disk is full";

    /** What the stream server's embedded store says when a session's byte quota is used up (it ends the session). */
    private static final String QUOTA_USED_UP = "upload quota";
    private static final String QUOTA_REASON = "the stream server's upload quota for this session is used up";

    /** Marks the warm-up request, which {@link WarmUpStop} ends just before it would be sent. */
    private static final String WARM_UP_HEADER = "x-stereospot-warm-up";

    private final String sessionId;
    private final String bucket;
    private final AtomicReference<AwsSessionCredentials> credentials;
    private final S3Client s3;
    /** 0 until {@link #capturedFrom}; then when chunk 0 began, in ms since the epoch. */
    private volatile long firstFrameAtMs;
    private volatile long chunkDurationMs;

    public S3ChunkStore(String sessionId, UploadGrant grant) {
        this.sessionId = sessionId;
        this.bucket = grant.bucket();
        this.credentials = new AtomicReference<>(credentialsOf(grant));
        AwsCredentialsProvider current = credentials::get;
        var builder = S3Client.builder()
                .region(Region.of(grant.region() == null || grant.region().isBlank() ? "us-east-1" : grant.region()))
                .credentialsProvider(current)
                // Plain bodies with a Content-MD5-free PUT work with every S3-compatible store.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                // A 5-second chunk is small: send it at once rather than wait a round trip for "100 Continue".
                .serviceConfiguration(S3Configuration.builder().expectContinueEnabled(false).build())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .addExecutionInterceptor(new WarmUpStop())
                        .apiCallAttemptTimeout(Duration.ofSeconds(30))
                        .apiCallTimeout(Duration.ofSeconds(30)));
        if (grant.endpoint() != null && !grant.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(grant.endpoint())).forcePathStyle(true);
        }
        this.s3 = builder.build();
    }

    /**
     * Signs every request from now on with {@code renewed}, credentials for the same session and bucket.
     *
     * @throws IllegalArgumentException when they are for another bucket or key prefix
     */
    public void useCredentials(UploadGrant renewed) {
        if (!bucket.equals(renewed.bucket()) || !ObjectKeys.inputPrefix(sessionId).equals(renewed.keyPrefix())) {
            throw new IllegalArgumentException("Renewed credentials must be for the same bucket and session");
        }
        credentials.set(credentialsOf(renewed));
    }

    private static AwsSessionCredentials credentialsOf(UploadGrant grant) {
        return AwsSessionCredentials.create(grant.accessKeyId(), grant.secretAccessKey(), grant.sessionToken());
    }

    /**
     * From now on each chunk carries when it was captured (the playlist's EXT-X-PROGRAM-DATE-TIME): chunk {@code i}
     * begins {@code i} chunk lengths after the first frame, since FFmpeg forces a keyframe and splits at exactly
     * those media times.
     *
     * @param firstFrameAt the wall time of chunk 0's first frame (StartSequence: the picture input's start as
     *                     FFmpeg prints it, else FFmpeg's own start, a fraction of a second early); a later call
     *                     replaces an earlier one
     */
    public void capturedFrom(Instant firstFrameAt, long chunkDurationMs) {
        this.chunkDurationMs = chunkDurationMs;
        this.firstFrameAtMs = firstFrameAt.toEpochMilli();
    }

    /** The object key of chunk {@code index}. */
    public String key(int index) {
        return ObjectKeys.chunk(sessionId, index);
    }

    @Override
    public void put(int index, Path file) throws UploadAttemptException {
        PutObjectRequest.Builder builder = PutObjectRequest.builder()
                .bucket(bucket).key(key(index)).contentType("video/mp4");
        long firstFrameMs = firstFrameAtMs;
        if (firstFrameMs > 0) {
            builder.metadata(Map.of(ObjectKeys.CAPTURED_AT_METADATA,
                    Long.toString(firstFrameMs + index * chunkDurationMs)));
        }
        PutObjectRequest request = builder.build();
        try {
            s3.putObject(request, RequestBody.fromFile(file));
        } catch (S3Exception e) {
            AwsErrorDetails details = e.awsErrorDetails();
            String code = details == null ? null : details.errorCode();
            String message = details == null ? e.getMessage() : details.errorMessage();
            boolean credentials = code != null && CREDENTIAL_CODES.contains(code);
            String reason = credentials && message != null && message.contains(QUOTA_USED_UP)
                    ? QUOTA_REASON + " (" + e.statusCode() + " " + code
                            + ": " + message + ")"
                    : !credentials && message != null && message.contains(DISK_FULL)
                    ? "the stream server's disk is full (" + e.statusCode() + (code == null ? "" : " " + code) + ")"
                    : credentials && "ExpiredToken".equals(code)
                    ? "the upload credentials have expired (" + e.statusCode() + " ExpiredToken)"
                    : credentials
                    ? "the store refused the upload credentials (" + e.statusCode() + " " + code
                            + (message == null ? "" : ": " + message) + ")"
                    : "the store answered " + e.statusCode() + (code == null ? "" : " " + code)
                            + (message == null || message.isBlank() ? "" : " (" + message + ")");
            if (reason.startsWith(QUOTA_REASON)) {
                throw new QuotaUsedUpException(reason, e);
            }
            throw new UploadAttemptException(reason, !credentials && worthRetrying(e.statusCode()), e);
        } catch (SdkClientException e) {
            throw new UploadAttemptException("the store could not be reached (" + rootMessage(e) + ")", true, e);
        } catch (SdkException e) {
            throw new UploadAttemptException("the upload failed (" + rootMessage(e) + ")", true, e);
        }
    }

    /**
     * The store is busy, failing or slow (5xx, 503 SlowDown, 408, 429): another attempt may succeed. Any other 4xx
     * says the request itself is wrong, and the same request would be refused again after the whole backoff.
     */
    private static boolean worthRetrying(int status) {
        return status >= 500 || status == 408 || status == 429;
    }

    /**
     * The warm-up request's body: as large as a chunk. Over plain HTTP SigV4 hashes the whole body, and until the
     * JIT has compiled SHA-256 that runs interpreted: with a 4 KB warm-up body the first real PUT of a 1.5 MB chunk
     * still took 604 ms against 60-90 ms for the next ones, and the first chunk's delay is what a viewer who opened
     * the URL at once stays behind for the whole stream.
     */
    static final int WARM_UP_BODY_BYTES = 2 * 1024 * 1024;

    /**
     * Runs a PutObject of chunk 0 through the whole client (endpoint rules, marshalling, SigV4 signing) and stops
     * it before transmission: nothing reaches the store. The first real PUT then costs tens of milliseconds instead
     * of the seconds that loading and interpreting the SDK's code takes on a busy 2-core machine.
     */
    @Override
    public void warmUp() {
        long start = System.nanoTime();
        try {
            s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key(0)).contentType("video/mp4")
                    .overrideConfiguration(o -> o.putHeader(WARM_UP_HEADER, "1")).build(),
                    RequestBody.fromBytes(new byte[WARM_UP_BODY_BYTES]));
            LOG.warn("The upload client's warm-up request was not stopped before sending");
        } catch (RuntimeException e) {
            if (!isWarmUpStop(e)) {
                LOG.debug("Upload client warm-up failed: {}", e.toString());
            }
        }
        LOG.debug("Upload client warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    private static boolean isWarmUpStop(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof WarmUpStop.Stopped) {
                return true;
            }
        }
        return false;
    }

    /** Ends the marked warm-up request right before transmission. */
    private static final class WarmUpStop implements ExecutionInterceptor {
        static final class Stopped extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Stopped() {
                super("warm-up request stopped before sending", null, false, false);
            }
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (context.httpRequest().firstMatchingHeader(WARM_UP_HEADER).isPresent()) {
                throw new Stopped();
            }
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
