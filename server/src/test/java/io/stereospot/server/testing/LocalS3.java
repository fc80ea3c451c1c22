package io.stereospot.server.testing;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A plain S3 endpoint (S3Proxy over a folder) on an ephemeral port, for testing the playback side through the real
 * S3 protocol without the rest of the server.
 */
public final class LocalS3 implements AutoCloseable {

    public static final String BUCKET = "stereospot";
    private static final String ACCESS_KEY = "test-access";
    private static final String SECRET_KEY = "test-secret-key-for-local-s3";

    private final S3Proxy proxy;
    private final S3Client client;
    private final Path root;

    private LocalS3(S3Proxy proxy, S3Client client, Path root) {
        this.proxy = proxy;
        this.client = client;
        this.root = root;
    }

    public static LocalS3 start(Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("store"));
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(root.toString()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.onSpinWait();
        }
        S3Client client = S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + proxy.getPort()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
        client.createBucket(r -> r.bucket(BUCKET));
        return new LocalS3(proxy, client, root);
    }

    public S3Client client() {
        return client;
    }

    public String bucket() {
        return BUCKET;
    }

    /** A fresh, empty bucket, so tests sharing one endpoint never see each other's sessions. */
    public String newBucket() {
        String name = "test-" + java.util.UUID.randomUUID().toString().substring(0, 13);
        client.createBucket(r -> r.bucket(name));
        return name;
    }

    public Path file(String bucket, String key) {
        return root.resolve(bucket).resolve(key);
    }

    public Path file(String key) {
        return root.resolve(BUCKET).resolve(key);
    }

    @Override
    public void close() throws Exception {
        client.close();
        proxy.stop();
    }
}
