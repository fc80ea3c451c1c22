package io.stereospot.server.store;

import io.stereospot.server.datadir.DiskFull;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Session PUTs through a test's {@link StoreFaults} ({@link StoreFaults#installedIn}). Each body is spooled first so
 * the hook sees its size and a refusal leaves nothing in the store.
 */
final class FaultInjectingBlobStore extends ForwardingBlobStore {

    private static final Logger LOG = LoggerFactory.getLogger(FaultInjectingBlobStore.class);

    private final StoreFaults faults;
    private final Path spoolDir;

    FaultInjectingBlobStore(BlobStore delegate, StoreFaults faults, Path spoolDir) {
        super(delegate);
        this.faults = faults;
        this.spoolDir = spoolDir;
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream body) {
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
                throw S3Errors.of(fault.httpStatus(), fault.code(), fault.message());
            }
            try (InputStream in = Files.newInputStream(spooled)) {
                return delegate().putBlob(request.toBuilder().contentLength(size).build(), in);
            }
        } catch (IOException e) {
            if (DiskFull.isCause(e)) {
                RequestBodies.drain(body);
                throw S3Errors.diskFull();
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
}
