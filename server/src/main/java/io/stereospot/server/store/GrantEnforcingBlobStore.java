package io.stereospot.server.store;
import io.stereospot.server.datadir.DiskFull;
import io.stereospot.server.iam.MintedCredential;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.CreateBucketResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetBucketAclRequest;
import software.amazon.awssdk.services.s3.model.GetBucketAclResponse;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningRequest;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.GetObjectAclRequest;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListBucketsRequest;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.PutBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.PutBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.PutBucketVersioningRequest;
import software.amazon.awssdk.services.s3.model.PutBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionConfiguration;
import software.amazon.awssdk.services.s3.model.UploadPartCopyRequest;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * The store a session's temporary credentials see, built per request: {@code s3:PutObject} on the granted prefix
 * and nothing else. Every other operation is refused with {@code AccessDenied}; after {@code expires_at} every
 * operation is refused with {@code ExpiredToken}; a session token other than the one minted with the key is
 * refused with {@code InvalidToken}.
 *
 * <p>S3Proxy authenticates the signature before calling any of these methods. A refused PUT drains the body first:
 * refusing before the body is read leaves the client writing into a closed socket (a broken pipe it retries).
 */
final class GrantEnforcingBlobStore extends ForwardingBlobStore {

    private static final Logger LOG = LoggerFactory.getLogger(GrantEnforcingBlobStore.class);

    private final MintedCredential grant;
    private final String presentedToken;
    private final Clock clock;
    private final StoreFaults faults;
    private final Path spoolDir;

    /**
     * @param presentedToken the {@code x-amz-security-token} of this request, or null when it carried none
     * @param faults         the test hook, or null
     * @param spoolDir       where bodies wait while {@code faults} decides (only used with a hook)
     */
    GrantEnforcingBlobStore(BlobStore delegate, MintedCredential grant, String presentedToken, Clock clock,
            StoreFaults faults, Path spoolDir) {
        super(delegate);
        this.grant = grant;
        this.presentedToken = presentedToken;
        this.clock = clock;
        this.faults = faults;
        this.spoolDir = spoolDir;
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream body) {
        S3Exception refusal = credentialRefusal();
        if (refusal == null && !UploadKeys.allowed(grant.bucket(), grant.keyPrefix(), request.bucket(), request.key())) {
            refusal = S3Errors.accessDenied();
        }
        if (refusal != null) {
            long drained = drain(body);
            LOG.info("Refused PutObject by {} ({} bytes drained): {}", grant.accessKeyId(), drained,
                    refusal.awsErrorDetails().errorCode());
            throw refusal;
        }
        if (faults == null) {
            return delegate().putBlob(request, body);
        }
        return putThroughFaults(request, body);
    }

    /** Spools the body so the hook sees its size and a refusal leaves nothing in the store. */
    private PutObjectResponse putThroughFaults(PutObjectRequest request, InputStream body) {
        Path spooled = null;
        try {
            Files.createDirectories(spoolDir);
            spooled = Files.createTempFile(spoolDir, "put-", ".part");
            long size;
            try (OutputStream out = Files.newOutputStream(spooled)) {
                size = body.transferTo(out);
            }
            StoreFault fault = faults.onPutObject(request.key(), size);
            if (fault != null) {
                LOG.info("Injected fault {} {} for PutObject {}", fault.httpStatus(), fault.code(), request.key());
                throw S3Errors.of(fault);
            }
            try (InputStream in = Files.newInputStream(spooled)) {
                return delegate().putBlob(request.toBuilder().contentLength(size).build(), in);
            }
        } catch (IOException e) {
            if (DiskFull.isCause(e)) {
                drain(body);
                throw S3Errors.of(StoreFault.diskFull());
            }
            throw new UncheckedIOException(e);
        } finally {
            if (spooled != null) {
                try {
                    Files.deleteIfExists(spooled);
                } catch (IOException e) {
                    LOG.warn("Could not delete the spooled body {}", spooled);
                }
            }
        }
    }

    /** Expiry first (as AWS answers it), then the token, for every operation. */
    private S3Exception credentialRefusal() {
        if (grant.expiredAt(clock.instant())) {
            return S3Errors.expiredToken();
        }
        if (presentedToken == null || presentedToken.isEmpty()) {
            return S3Errors.missingToken();
        }
        if (!MessageDigest.isEqual(presentedToken.getBytes(StandardCharsets.UTF_8),
                grant.sessionToken().getBytes(StandardCharsets.UTF_8))) {
            return S3Errors.invalidToken();
        }
        return null;
    }

    private S3Exception denied(String operation) {
        S3Exception refusal = credentialRefusal();
        LOG.info("Refused {} by {}: {}", operation, grant.accessKeyId(),
                refusal == null ? "AccessDenied" : refusal.awsErrorDetails().errorCode());
        return refusal == null ? S3Errors.accessDenied() : refusal;
    }

    private static long drain(InputStream body) {
        try {
            return body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            return -1;
        }
    }

    // Everything below is refused. Each method of BlobStore is listed so that a new one in an S3Proxy upgrade
    // fails GrantEnforcingBlobStoreTest instead of silently forwarding.

    @Override
    public ListBucketsResponse list() {
        throw denied("ListBuckets");
    }

    @Override
    public ListBucketsResponse list(ListBucketsRequest request) {
        throw denied("ListBuckets");
    }

    @Override
    public ListObjectsV2Response list(ListObjectsV2Request request) {
        throw denied("ListObjectsV2");
    }

    @Override
    public ListObjectsV2Response list(String container) {
        throw denied("ListObjectsV2");
    }

    @Override
    public ListObjectsResponse listV1(ListObjectsRequest request) {
        throw denied("ListObjects");
    }

    @Override
    public HeadBucketResponse headBucket(HeadBucketRequest request) {
        throw denied("HeadBucket");
    }

    @Override
    public boolean containerExists(String container) {
        throw denied("HeadBucket");
    }

    @Override
    public CreateBucketResponse createContainer(CreateBucketRequest request) {
        throw denied("CreateBucket");
    }

    @Override
    public CreateBucketResponse createContainer(String container) {
        throw denied("CreateBucket");
    }

    @Override
    public BucketCannedACL getContainerAccess(String container) {
        throw denied("GetBucketAcl");
    }

    @Override
    public GetBucketAclResponse getContainerAcl(GetBucketAclRequest request) {
        throw denied("GetBucketAcl");
    }

    @Override
    public void setContainerAccess(String container, BucketCannedACL access) {
        throw denied("PutBucketAcl");
    }

    @Override
    public void clearContainer(ListObjectsV2Request request) {
        throw denied("DeleteObjects");
    }

    @Override
    public void deleteContainer(String container) {
        throw denied("DeleteBucket");
    }

    @Override
    public void deleteBucket(String container) {
        throw denied("DeleteBucket");
    }

    @Override
    public boolean blobExists(String container, String key) {
        throw denied("HeadObject");
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        throw denied("CopyObject");
    }

    @Override
    public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
        throw denied("HeadObject");
    }

    @Override
    public HeadObjectResponse blobMetadata(String container, String key) {
        throw denied("HeadObject");
    }

    @Override
    public HeadObjectResponse blobMetadataIfPresent(HeadObjectRequest request) {
        throw denied("HeadObject");
    }

    @Override
    public HeadObjectResponse blobMetadataIfPresent(String container, String key) {
        throw denied("HeadObject");
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
        throw denied("GetObject");
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getBlob(String container, String key) {
        throw denied("GetObject");
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        throw denied("DeleteObject");
    }

    @Override
    public void removeBlob(String container, String key) {
        throw denied("DeleteObject");
    }

    @Override
    public DeleteObjectResponse removeBlob(String container, String key, String versionId) {
        throw denied("DeleteObject");
    }

    @Override
    public DeleteObjectsResponse removeBlobs(DeleteObjectsRequest request) {
        throw denied("DeleteObjects");
    }

    @Override
    public GetBucketVersioningResponse getBucketVersioning(GetBucketVersioningRequest request) {
        throw denied("GetBucketVersioning");
    }

    @Override
    public BucketVersioningStatus getBucketVersioning(String container) {
        throw denied("GetBucketVersioning");
    }

    @Override
    public PutBucketVersioningResponse putBucketVersioning(PutBucketVersioningRequest request) {
        throw denied("PutBucketVersioning");
    }

    @Override
    public void putBucketVersioning(String container, BucketVersioningStatus status) {
        throw denied("PutBucketVersioning");
    }

    @Override
    public ListObjectVersionsResponse listVersions(ListObjectVersionsRequest request) {
        throw denied("ListObjectVersions");
    }

    @Override
    public GetBucketEncryptionResponse getBucketEncryption(GetBucketEncryptionRequest request) {
        throw denied("GetBucketEncryption");
    }

    @Override
    public ServerSideEncryptionConfiguration getBucketEncryption(String container) {
        throw denied("GetBucketEncryption");
    }

    @Override
    public PutBucketEncryptionResponse putBucketEncryption(PutBucketEncryptionRequest request) {
        throw denied("PutBucketEncryption");
    }

    @Override
    public void putBucketEncryption(String container, ServerSideEncryptionConfiguration configuration) {
        throw denied("PutBucketEncryption");
    }

    @Override
    public DeleteBucketEncryptionResponse deleteBucketEncryption(DeleteBucketEncryptionRequest request) {
        throw denied("DeleteBucketEncryption");
    }

    @Override
    public void deleteBucketEncryption(String container) {
        throw denied("DeleteBucketEncryption");
    }

    @Override
    public ObjectCannedACL getBlobAccess(String container, String key) {
        throw denied("GetObjectAcl");
    }

    @Override
    public ObjectCannedACL getBlobAccess(String container, String key, String versionId) {
        throw denied("GetObjectAcl");
    }

    @Override
    public GetObjectAclResponse getBlobAcl(GetObjectAclRequest request) {
        throw denied("GetObjectAcl");
    }

    @Override
    public void setBlobAccess(String container, String key, ObjectCannedACL access) {
        throw denied("PutObjectAcl");
    }

    @Override
    public void setBlobAccess(String container, String key, ObjectCannedACL access, String versionId) {
        throw denied("PutObjectAcl");
    }

    @Override
    public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
        throw denied("CreateMultipartUpload");
    }

    @Override
    public void abortMultipartUpload(MultipartUpload upload) {
        throw denied("AbortMultipartUpload");
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
            CompleteMultipartUploadRequest request) {
        throw denied("CompleteMultipartUpload");
    }

    @Override
    public UploadPartResponse uploadMultipartPart(MultipartUpload upload, UploadPartRequest request, InputStream body) {
        drain(body);
        throw denied("UploadPart");
    }

    @Override
    public UploadPartCopyResponse copyMultipartPart(MultipartUpload upload, UploadPartCopyRequest request) {
        throw denied("UploadPartCopy");
    }

    @Override
    public List<Part> listMultipartUpload(MultipartUpload upload) {
        throw denied("ListParts");
    }

    @Override
    public List<software.amazon.awssdk.services.s3.model.MultipartUpload> listMultipartUploads(String container) {
        throw denied("ListMultipartUploads");
    }
}
