package io.stereospot.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.server.config.AwsSettings;
import io.stereospot.server.iam.CredentialIssuer;
import io.stereospot.server.http.HealthRoutes;
import io.stereospot.server.http.HttpApi;
import io.stereospot.server.http.JsonBodies;
import io.stereospot.server.http.PlaybackRoutes;
import io.stereospot.server.http.PlaylistFastPath;
import io.stereospot.server.http.SessionRoutes;
import io.stereospot.server.playback.Playback;
import io.stereospot.server.playback.PlaybackSettings;
import io.stereospot.server.session.SessionRepository;
import io.stereospot.server.session.SessionService;
import io.stereospot.server.session.UploadTarget;
import io.stereospot.server.store.Bucket;
import io.stereospot.server.store.EmbeddedObjectStore;
import io.stereospot.server.iam.MintedCredentials;
import io.stereospot.server.store.ObjectStoredListener;
import io.stereospot.server.iam.RootCredentials;
import io.stereospot.server.iam.EmbeddedSts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The stream server, and its composition root: the one place that wires the API, the session service, the
 * credential issuer and (without AWS configuration) the embedded object store and STS.
 */
public final class StreamServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamServer.class);

    private final ServerConfig config;
    private final Deque<AutoCloseable> resources;
    private final HttpApi api;
    private final EmbeddedObjectStore store;
    private final S3Client adminS3;
    private final URI s3Endpoint;
    private final URI stsEndpoint;
    private final URI publicUrl;
    private final SessionService sessions;
    private final Playback playback;
    private final AtomicBoolean closed = new AtomicBoolean();

    private StreamServer(ServerConfig config, Deque<AutoCloseable> resources, HttpApi api, EmbeddedObjectStore store,
            S3Client adminS3, URI s3Endpoint, URI stsEndpoint, URI publicUrl, SessionService sessions,
            Playback playback) {
        this.playback = playback;
        this.config = config;
        this.resources = resources;
        this.api = api;
        this.store = store;
        this.adminS3 = adminS3;
        this.s3Endpoint = s3Endpoint;
        this.stsEndpoint = stsEndpoint;
        this.publicUrl = publicUrl;
        this.sessions = sessions;
    }

    public static StreamServer start(ServerConfig config) {
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        try {
            return wire(config, resources);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    private static StreamServer wire(ServerConfig config, Deque<AutoCloseable> resources) {
        ObjectMapper json = Json.mapper();
        EmbeddedObjectStore store = null;
        AwsCredentialsProvider credentials;
        String region;
        String roleArn;
        URI s3Endpoint;
        URI stsEndpoint;
        if (config.aws().isEmpty()) {
            createDataDir(config);
            RootCredentials root = RootCredentials.loadOrCreate(config.dataDir());
            MintedCredentials minted = MintedCredentials.open(config.dataDir(), config.clock());
            store = EmbeddedObjectStore.start(config.dataDir(), config.host(), config.s3Port(), root, minted,
                    config.clock(), config.storeFaults().orElse(null));
            resources.push(store);
            EmbeddedSts sts = EmbeddedSts.start(config.host(), config.stsPort(), root, minted, config.bucket(),
                    config.clock());
            resources.push(sts);
            credentials = StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(root.accessKeyId(), root.secretAccessKey()));
            region = AwsSettings.DEFAULT_REGION;
            roleArn = EmbeddedSts.LOCAL_ROLE_ARN;
            s3Endpoint = store.endpoint();
            stsEndpoint = sts.endpoint();
        } else {
            AwsSettings aws = config.aws().get();
            DefaultCredentialsProvider provider = DefaultCredentialsProvider.builder().build();
            resources.push(provider);
            credentials = provider;
            region = aws.region();
            roleArn = aws.roleArn();
            s3Endpoint = aws.s3Endpoint();
            stsEndpoint = aws.stsEndpoint();
        }
        S3Client adminS3 = AwsClients.s3(s3Endpoint, region, credentials);
        resources.push(adminS3);
        StsClient stsClient = AwsClients.sts(stsEndpoint, region, credentials);
        resources.push(stsClient);
        if (store != null) {
            ensureBucket(adminS3, config.bucket());
        }

        CredentialIssuer issuer = new CredentialIssuer(stsClient, roleArn, config.bucket(), config.credentialLifetime());
        AtomicReference<URI> publicUrl = new AtomicReference<>();
        SessionRepository records = new SessionRepository(new Bucket(adminS3, config.bucket()));
        SessionService sessions = new SessionService(records, issuer,
                new UploadTarget(config.bucket(), region, s3Endpoint), publicUrl::get, config.clock());
        Playback playback = startPlayback(config, adminS3, store);
        resources.push(playback);
        HttpApi api = HttpApi.start(config.host(), config.port(), json,
                List.of(new HealthRoutes(), new SessionRoutes(sessions, new JsonBodies(json)),
                        PlaybackRoutes.of(playback)), new PlaylistFastPath(playback.playlists()));
        resources.push(api);
        publicUrl.set(config.publicUrl().orElse(api.baseUrl()));
        return new StreamServer(config, resources, api, store, adminS3, s3Endpoint, stsEndpoint, publicUrl.get(),
                sessions, playback);
    }

    /**
     * The converter worker and playlist. The embedded store tells it of each new object at once, so its listing of
     * the bucket is only a safety net there; on AWS the listing is how new chunks are found.
     */
    private static Playback startPlayback(ServerConfig config, S3Client adminS3, EmbeddedObjectStore store) {
        PlaybackSettings settings = config.playback().withCredentialLifetime(config.credentialLifetime());
        Duration safetyNetPoll = Duration.ofSeconds(10);
        if (store != null && settings.worker().pollInterval().compareTo(safetyNetPoll) < 0) {
            settings = settings.withWorker(settings.worker().withPollInterval(safetyNetPoll));
        }
        Path scratch;
        try {
            // Scratch space only (emptied as it goes): in AWS mode the data directory is not ours to write.
            scratch = Files.createTempDirectory("stereospot-playback-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary folder for the converter", e);
        }
        Playback playback = Playback.start(settings, adminS3, config.bucket(), scratch, config.clock());
        if (store != null) {
            store.addListener((key, sizeBytes) -> playback.objectStored(key));
        }
        return playback;
    }

    private static void createDataDir(ServerConfig config) {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the data directory " + config.dataDir(), e);
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

    /** The HTTP API base as bound, e.g. {@code http://127.0.0.1:8470}. */
    public URI baseUrl() {
        return api.baseUrl();
    }

    /** The base URL handed out in playlist URLs: the configured public URL, or {@link #baseUrl()}. */
    public URI publicUrl() {
        return publicUrl;
    }

    /** The S3 endpoint clients upload to; null on AWS itself (the SDK's regional default). */
    public URI s3Endpoint() {
        return s3Endpoint;
    }

    /** The STS endpoint the server calls; null on AWS itself. */
    public URI stsEndpoint() {
        return stsEndpoint;
    }

    /** A client with the server's own credentials (root of the embedded store, or the server's AWS identity). */
    public S3Client adminS3() {
        return adminS3;
    }

    public String bucket() {
        return config.bucket();
    }

    public ServerConfig config() {
        return config;
    }

    public SessionService sessions() {
        return sessions;
    }

    /** The converter worker, playlist and housekeeping. */
    public Playback playback() {
        return playback;
    }

    /** The embedded store; empty on AWS. */
    public Optional<EmbeddedObjectStore> localStore() {
        return Optional.ofNullable(store);
    }

    /**
     * Subscribes to "object stored" events of the embedded store (any key, any credentials).
     *
     * @return false on AWS, where no events exist (poll the bucket instead)
     */
    public boolean addObjectStoredListener(ObjectStoredListener listener) {
        if (store == null) {
            return false;
        }
        store.addListener(listener);
        return true;
    }

    public void removeObjectStoredListener(ObjectStoredListener listener) {
        if (store != null) {
            store.removeListener(listener);
        }
    }

    /** Stops the API first (no new work), then the store and STS. Safe to call more than once. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeAll(resources);
            LOG.info("Stream server stopped");
        }
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("{} did not close cleanly: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
