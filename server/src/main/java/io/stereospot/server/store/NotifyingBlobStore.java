package io.stereospot.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

/** The filesystem store, telling {@link ObjectStoredListener}s about each object once it is completely written. */
final class NotifyingBlobStore extends ForwardingBlobStore {

    private static final Logger LOG = LoggerFactory.getLogger(NotifyingBlobStore.class);

    private final Path storeRoot;
    private final List<ObjectStoredListener> listeners = new CopyOnWriteArrayList<>();

    NotifyingBlobStore(BlobStore delegate, Path storeRoot) {
        super(delegate);
        this.storeRoot = storeRoot;
    }

    void addListener(ObjectStoredListener listener) {
        listeners.add(listener);
    }

    void removeListener(ObjectStoredListener listener) {
        listeners.remove(listener);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream body) {
        PutObjectResponse response = super.putBlob(request, body);
        stored(request.bucket(), request.key());
        return response;
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        CopyObjectResponse response = super.copyBlob(request);
        stored(request.destinationBucket(), request.destinationKey());
        return response;
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
            CompleteMultipartUploadRequest request) {
        CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
        stored(request.bucket(), request.key());
        return response;
    }

    private void stored(String bucket, String key) {
        if (listeners.isEmpty()) {
            return;
        }
        long size = sizeOf(bucket, key);
        for (ObjectStoredListener listener : listeners) {
            try {
                listener.objectStored(key, size);
            } catch (RuntimeException e) {
                LOG.warn("An object-stored listener failed on {}", key, e);
            }
        }
    }

    private long sizeOf(String bucket, String key) {
        try {
            return Files.size(EmbeddedObjectStore.objectFileOf(storeRoot, bucket, key));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
