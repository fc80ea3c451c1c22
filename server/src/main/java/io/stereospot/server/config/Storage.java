package io.stereospot.server.config;

import io.stereospot.server.datadir.DataDirs;
import io.stereospot.server.iam.EmbeddedSts;
import io.stereospot.server.iam.MintedCredentials;
import io.stereospot.server.iam.RootCredentials;
import io.stereospot.server.store.EmbeddedObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * Where the server keeps objects and gets session credentials from: its own embedded S3 + STS over a data dir, or a
 * real S3 + STS (AWS, MinIO). Each choice starts or reaches its services and builds the server's clients for them.
 */
public sealed interface Storage permits Storage.Embedded, Storage.Aws {

    /**
     * Starts or connects to the store and STS. Everything opened is pushed onto {@code resources} as it opens, so
     * a failure half-way closes what was opened before (in reverse order).
     */
    StorageClients open(Site site, Deque<AutoCloseable> resources);

    /**
     * Where the server keeps files of its own beside the store (a depth model, the HTTPS certificate): the data dir,
     * or the per-user data folder when the store is elsewhere (AWS).
     */
    Path localFiles();

    /**
     * What the embedded services listen on and whom they serve: ignored on AWS, where they run elsewhere.
     *
     * @param s3Port  0 for an ephemeral port
     * @param stsPort 0 for an ephemeral port
     */
    record Site(String host, int s3Port, int stsPort, String bucket, Clock clock) {
    }

    /**
     * The embedded S3 store and STS, their files and credentials under {@code dataDir}.
     *
     * @param sessionPuts what each write a session credential is granted passes through on its way to the store
     *                    (see {@link EmbeddedObjectStore#start})
     */
    record Embedded(Path dataDir, UnaryOperator<BlobStore> sessionPuts) implements Storage {

        private static final Logger LOG = LoggerFactory.getLogger(Embedded.class);

        public Embedded {
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(sessionPuts, "sessionPuts");
        }

        @Override
        public Path localFiles() {
            return dataDir;
        }

        /** Session writes go straight to the store. */
        public Embedded(Path dataDir) {
            this(dataDir, UnaryOperator.identity());
        }

        @Override
        public StorageClients open(Site site, Deque<AutoCloseable> resources) {
            createDataDir();
            RootCredentials root = RootCredentials.loadOrCreate(dataDir);
            MintedCredentials minted = MintedCredentials.open(dataDir, site.clock());
            EmbeddedObjectStore store = EmbeddedObjectStore.start(dataDir, site.host(), site.s3Port(), root, minted,
                    site.clock(), sessionPuts);
            resources.push(store);
            EmbeddedSts sts = EmbeddedSts.start(site.host(), site.stsPort(), root, minted, site.bucket(), site.clock());
            resources.push(sts);
            StorageClients clients = StorageClients.open(AwsSettings.DEFAULT_REGION, EmbeddedSts.LOCAL_ROLE_ARN,
                    store.endpoint(), sts.endpoint(), StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(root.accessKeyId(), root.secretAccessKey())),
                    Optional.of(store), resources);
            ensureBucket(clients.adminS3(), site.bucket());
            return clients;
        }

        private void createDataDir() {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not create the data directory " + dataDir, e);
            }
        }

        private static void ensureBucket(S3Client s3, String bucket) {
            try {
                s3.headBucket(r -> r.bucket(bucket));
            } catch (NoSuchBucketException e) {
                try {
                    s3.createBucket(r -> r.bucket(bucket));
                    LOG.info("Created bucket {}", bucket);
                } catch (BucketAlreadyOwnedByYouException raced) {
                    // another start won; fine
                }
            }
        }
    }

    /**
     * A real S3 + STS, reached with the SDK's default credentials chain; the bucket and the role exist already
     * (the server creates neither), and no data dir is written.
     */
    record Aws(AwsSettings settings) implements Storage {

        public Aws {
            Objects.requireNonNull(settings, "settings");
        }

        @Override
        public Path localFiles() {
            return DataDirs.defaultDataDir();
        }

        @Override
        public StorageClients open(Site site, Deque<AutoCloseable> resources) {
            DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
            resources.push(credentials);
            return StorageClients.open(settings.region(), settings.roleArn(), settings.s3Endpoint(),
                    settings.stsEndpoint(), credentials, Optional.empty(), resources);
        }
    }
}
