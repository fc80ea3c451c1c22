package io.stereospot.server.store;
import io.stereospot.server.datadir.DiskFull;

import java.io.InputStream;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * The filesystem store with a full disk answered as {@link S3Errors#diskFull()} (503 {@code SlowDown}) instead of
 * S3Proxy's 500 {@code InternalError}. S3Proxy deletes its temporary file itself; this drains the rest of the body
 * so the client reads the error instead of writing into a closed connection.
 */
final class DiskFullBlobStore extends ForwardingBlobStore {

    private static final Logger LOG = LoggerFactory.getLogger(DiskFullBlobStore.class);

    DiskFullBlobStore(BlobStore delegate) {
        super(delegate);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream body) {
        try {
            return super.putBlob(request, body);
        } catch (Exception e) {
            throw refusedIfFull(e, "PutObject", request.key(), body);
        }
    }

    @Override
    public UploadPartResponse uploadMultipartPart(MultipartUpload upload, UploadPartRequest request,
            InputStream body) {
        try {
            return super.uploadMultipartPart(upload, request, body);
        } catch (Exception e) {
            throw refusedIfFull(e, "UploadPart", request.key(), body);
        }
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
            CompleteMultipartUploadRequest request) {
        try {
            return super.completeMultipartUpload(upload, request);
        } catch (Exception e) {
            throw refusedIfFull(e, "CompleteMultipartUpload", request.key(), null);
        }
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        try {
            return super.copyBlob(request);
        } catch (Exception e) {
            throw refusedIfFull(e, "CopyObject", request.destinationKey(), null);
        }
    }

    /**
     * The S3 error for a full disk, or {@code failure} itself (S3Proxy may throw an undeclared IOException, hence
     * the sneaky rethrow of anything else).
     */
    private static RuntimeException refusedIfFull(Exception failure, String operation, String key, InputStream body) {
        if (!DiskFull.isCause(failure)) {
            throw DiskFullBlobStore.<RuntimeException>sneaky(failure);
        }
        long drained = RequestBodies.drain(body);
        LOG.warn("Refused {} {}: the data dir's disk is full ({} more body bytes drained)", operation, key, drained);
        return S3Errors.diskFull();
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> E sneaky(Exception failure) throws E {
        throw (E) failure;
    }
}
