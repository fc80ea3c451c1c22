package io.stereospot.server.store;

import java.io.InputStream;
import java.util.List;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.*;

/**
 * A store that refuses everything: each operation of S3Proxy's {@link BlobStore} answers the error
 * {@link #refused(String)} gives, and a body sent along is drained first. Subclasses allow what they grant by
 * overriding that operation. Every method of {@link BlobStore} that touches data is listed here, so that one added
 * in an S3Proxy upgrade fails GrantEnforcingBlobStoreTest instead of silently forwarding. That list is why this file
 * runs past 300 lines: one refusal per method and no other logic.
 */
abstract class RefusingBlobStore extends ForwardingBlobStore {

    RefusingBlobStore(BlobStore delegate) {
        super(delegate);
    }

    /** @param operation the S3 operation's name, e.g. {@code GetObject} */
    protected abstract S3Exception refused(String operation);

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream body) {
        RequestBodies.drain(body);
        throw refused("PutObject");
    }

    @Override
    public ListBucketsResponse list() {
        throw refused("ListBuckets");
    }

    @Override
    public ListBucketsResponse list(ListBucketsRequest request) {
        throw refused("ListBuckets");
    }

    @Override
    public ListObjectsV2Response list(ListObjectsV2Request request) {
        throw refused("ListObjectsV2");
    }

    @Override
    public ListObjectsV2Response list(String container) {
        throw refused("ListObjectsV2");
    }

    @Override
    public ListObjectsResponse listV1(ListObjectsRequest request) {
        throw refused("ListObjects");
    }

    @Override
    public HeadBucketResponse headBucket(HeadBucketRequest request) {
        throw refused("HeadBucket");
    }

    @Override
    public boolean containerExists(String container) {
        throw refused("HeadBucket");
    }

    @Override
    public CreateBucketResponse createContainer(CreateBucketRequest request) {
        throw refused("CreateBucket");
    }

    @Override
    public CreateBucketResponse createContainer(String container) {
        throw refused("CreateBucket");
    }

    @Override
    public BucketCannedACL getContainerAccess(String container) {
        throw refused("GetBucketAcl");
    }

    @Override
    public GetBucketAclResponse getContainerAcl(GetBucketAclRequest request) {
        throw refused("GetBucketAcl");
    }

    @Override
    public void setContainerAccess(String container, BucketCannedACL access) {
        throw refused("PutBucketAcl");
    }

    @Override
    public void clearContainer(ListObjectsV2Request request) {
        throw refused("DeleteObjects");
    }

    @Override
    public void deleteContainer(String container) {
        throw refused("DeleteBucket");
    }

    @Override
    public void deleteBucket(String container) {
        throw refused("DeleteBucket");
    }

    @Override
    public boolean blobExists(String container, String key) {
        throw refused("HeadObject");
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        throw refused("CopyObject");
    }

    @Override
    public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
        throw refused("HeadObject");
    }

    @Override
    public HeadObjectResponse blobMetadata(String container, String key) {
        throw refused("HeadObject");
    }

    @Override
    public HeadObjectResponse blobMetadataIfPresent(HeadObjectRequest request) {
        throw refused("HeadObject");
    }

    @Override
    public HeadObjectResponse blobMetadataIfPresent(String container, String key) {
        throw refused("HeadObject");
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
        throw refused("GetObject");
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getBlob(String container, String key) {
        throw refused("GetObject");
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        throw refused("DeleteObject");
    }

    @Override
    public void removeBlob(String container, String key) {
        throw refused("DeleteObject");
    }

    @Override
    public DeleteObjectResponse removeBlob(String container, String key, String versionId) {
        throw refused("DeleteObject");
    }

    @Override
    public DeleteObjectsResponse removeBlobs(DeleteObjectsRequest request) {
        throw refused("DeleteObjects");
    }

    @Override
    public GetBucketVersioningResponse getBucketVersioning(GetBucketVersioningRequest request) {
        throw refused("GetBucketVersioning");
    }

    @Override
    public BucketVersioningStatus getBucketVersioning(String container) {
        throw refused("GetBucketVersioning");
    }

    @Override
    public PutBucketVersioningResponse putBucketVersioning(PutBucketVersioningRequest request) {
        throw refused("PutBucketVersioning");
    }

    @Override
    public void putBucketVersioning(String container, BucketVersioningStatus status) {
        throw refused("PutBucketVersioning");
    }

    @Override
    public ListObjectVersionsResponse listVersions(ListObjectVersionsRequest request) {
        throw refused("ListObjectVersions");
    }

    @Override
    public GetBucketEncryptionResponse getBucketEncryption(GetBucketEncryptionRequest request) {
        throw refused("GetBucketEncryption");
    }

    @Override
    public ServerSideEncryptionConfiguration getBucketEncryption(String container) {
        throw refused("GetBucketEncryption");
    }

    @Override
    public PutBucketEncryptionResponse putBucketEncryption(PutBucketEncryptionRequest request) {
        throw refused("PutBucketEncryption");
    }

    @Override
    public void putBucketEncryption(String container, ServerSideEncryptionConfiguration configuration) {
        throw refused("PutBucketEncryption");
    }

    @Override
    public DeleteBucketEncryptionResponse deleteBucketEncryption(DeleteBucketEncryptionRequest request) {
        throw refused("DeleteBucketEncryption");
    }

    @Override
    public void deleteBucketEncryption(String container) {
        throw refused("DeleteBucketEncryption");
    }

    @Override
    public ObjectCannedACL getBlobAccess(String container, String key) {
        throw refused("GetObjectAcl");
    }

    @Override
    public ObjectCannedACL getBlobAccess(String container, String key, String versionId) {
        throw refused("GetObjectAcl");
    }

    @Override
    public GetObjectAclResponse getBlobAcl(GetObjectAclRequest request) {
        throw refused("GetObjectAcl");
    }

    @Override
    public void setBlobAccess(String container, String key, ObjectCannedACL access) {
        throw refused("PutObjectAcl");
    }

    @Override
    public void setBlobAccess(String container, String key, ObjectCannedACL access, String versionId) {
        throw refused("PutObjectAcl");
    }

    @Override
    public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
        throw refused("CreateMultipartUpload");
    }

    @Override
    public void abortMultipartUpload(MultipartUpload upload) {
        throw refused("AbortMultipartUpload");
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
            CompleteMultipartUploadRequest request) {
        throw refused("CompleteMultipartUpload");
    }

    @Override
    public UploadPartResponse uploadMultipartPart(MultipartUpload upload, UploadPartRequest request, InputStream body) {
        RequestBodies.drain(body);
        throw refused("UploadPart");
    }

    @Override
    public UploadPartCopyResponse copyMultipartPart(MultipartUpload upload, UploadPartCopyRequest request) {
        throw refused("UploadPartCopy");
    }

    @Override
    public List<Part> listMultipartUpload(MultipartUpload upload) {
        throw refused("ListParts");
    }

    @Override
    public List<software.amazon.awssdk.services.s3.model.MultipartUpload> listMultipartUploads(String container) {
        throw refused("ListMultipartUploads");
    }
}
