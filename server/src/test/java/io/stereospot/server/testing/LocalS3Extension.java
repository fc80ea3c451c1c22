package io.stereospot.server.testing;

import io.stereospot.server.convert.ScratchFolders;
import io.stereospot.server.store.Bucket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link LocalS3} for a test class, started before its first test and stopped after its last:
 * {@code @RegisterExtension static final LocalS3Extension S3 = new LocalS3Extension();}. Each test takes a fresh
 * bucket ({@link #newBucket()}), so tests never see each other's objects.
 */
public final class LocalS3Extension implements BeforeAllCallback, AfterAllCallback {

    private Path dir;
    private LocalS3 s3;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("local-s3-");
        s3 = LocalS3.start(dir);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            s3.close();
        } finally {
            ScratchFolders.deleteQuietly(dir);
        }
    }

    public LocalS3 s3() {
        return s3;
    }

    /** A fresh, empty bucket on the shared endpoint. */
    public Bucket newBucket() {
        return new Bucket(s3.client(), s3.newBucket());
    }
}
