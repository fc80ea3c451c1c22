package io.stereospot.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.server.config.Storage;
import io.stereospot.server.config.StorageClients;
import io.stereospot.server.convert.Converter;
import io.stereospot.server.convert.depth.DepthSource;
import io.stereospot.server.convert.depth.DepthStatus;
import io.stereospot.server.http.HealthRoutes;
import io.stereospot.server.http.HttpApi;
import io.stereospot.server.http.HttpsPort;
import io.stereospot.server.http.JsonBodies;
import io.stereospot.server.http.PlaybackRoutes;
import io.stereospot.server.http.PlaylistFastPath;
import io.stereospot.server.http.SessionRoutes;
import io.stereospot.server.http.SessionStatusRoutes;
import io.stereospot.server.http.WatchRoutes;
import io.stereospot.server.iam.CredentialIssuer;
import io.stereospot.server.json.Json;
import io.stereospot.server.playback.Playback;
import io.stereospot.server.playback.PlaybackSettings;
import io.stereospot.server.queue.EmbeddedQueue;
import io.stereospot.server.queue.JobQueue;
import io.stereospot.server.queue.QueueSettings;
import io.stereospot.server.queue.StoreEventPublisher;
import io.stereospot.server.session.SessionRepository;
import io.stereospot.server.session.SessionService;
import io.stereospot.server.session.UploadTarget;
import io.stereospot.server.store.Bucket;
import io.stereospot.server.store.EmbeddedObjectStore;
import io.stereospot.server.store.ObjectStoredListener;
import io.stereospot.server.store.SessionQuota;
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
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The stream server, and its composition root: the one place that wires the API, the session service, the
 * credential issuer and the playback pipeline to the configured {@link Storage} (embedded store and STS, or AWS).
 */
public final class StreamServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamServer.class);

    private final ServerConfig config;
    private final Deque<AutoCloseable> resources;
    private final HttpApi api;
    private final StorageClients storage;
    private final URI publicUrl;
    private final SessionService sessions;
    private final Playback playback;
    private final AtomicBoolean closed = new AtomicBoolean();
    private Optional<URI> queueUrl = Optional.empty();
    private Optional<URI> watchOrigin = Optional.empty();
    private DepthStatus depth;

    private StreamServer(ServerConfig config, Deque<AutoCloseable> resources, HttpApi api, StorageClients storage,
            URI publicUrl, SessionService sessions, Playback playback) {
        this.playback = playback;
        this.config = config;
        this.resources = resources;
        this.api = api;
        this.storage = storage;
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
        SessionQuota quota = new SessionQuota(config.access().sessionQuotaBytes());
        StorageClients storage = withQuota(config.storage(), quota).open(new Storage.Site(config.host(),
                config.s3Port(), config.stsPort(), config.bucket(), config.clock()), resources);
        S3Client adminS3 = storage.adminS3();

        CredentialIssuer issuer = new CredentialIssuer(storage.sts(), storage.roleArn(), config.bucket(),
                config.credentialLifetime());
        AtomicReference<URI> publicUrl = new AtomicReference<>();
        AtomicReference<Optional<URI>> watchOrigin = new AtomicReference<>(Optional.empty());
        SessionRepository records = new SessionRepository(new Bucket(adminS3, config.bucket()));
        SessionService sessions = new SessionService(records, issuer,
                new UploadTarget(config.bucket(), storage.region(), storage.s3Endpoint()), publicUrl::get,
                watchOrigin::get, config.clock());
        quota.countIn(records.ledger(config.clock()));
        Optional<JobQueue> jobs = openQueue(config, storage, resources);
        // Only a server that converts fetches a depth model.
        Converter converter = config.converting()
                ? config.playback().converter().create(config.storage().localFiles())
                : config.playback().converter().create();
        DepthStatus depth = converter.depthStatus()
                .orElseGet(() -> new DepthStatus(new DepthSource.NoDepth(converter.name())));
        Playback playback;
        try {
            playback = startPlayback(config, converter, adminS3, storage.localStore(), jobs, quota);
        } catch (RuntimeException e) {
            converter.close();
            throw e;
        }
        resources.push(playback);
        HttpApi api = HttpApi.start(config.host(), config.port(), json,
                List.of(new HealthRoutes(), new SessionRoutes(sessions, new JsonBodies(json), config.access()),
                        PlaybackRoutes.of(playback), new SessionStatusRoutes(playback.statuses()),
                        new WatchRoutes(playback.statuses())),
                new PlaylistFastPath(playback.playlists()), httpsPort(config));
        resources.push(api);
        publicUrl.set(config.publicUrl().orElse(api.baseUrl()));
        // The watch page is reached at the playlist's host, on the HTTPS port when there is one.
        watchOrigin.set(api.httpsUrl().map(https -> URI.create("https://" + publicUrl.get().getHost() + ":"
                + https.getPort())));
        StreamServer server = new StreamServer(config, resources, api, storage, publicUrl.get(), sessions, playback);
        server.queueUrl = jobs.map(q -> URI.create(q.url()));
        server.depth = depth;
        server.watchOrigin = watchOrigin.get();
        return server;
    }

    private static Optional<HttpsPort> httpsPort(ServerConfig config) {
        return config.https() ? Optional.of(HttpsPort.forLan(config.storage().localFiles().resolve("https"),
                config.host(), config.httpsPort(), config.publicUrl(), config.clock())) : Optional.empty();
    }

    /**
     * The embedded store counts each session's chunk before storing it, after the grant checks, and refuses the one
     * past the quota; AWS S3 has no such hook, so there the converter's count ({@link Playback}) is what stops it.
     */
    private static Storage withQuota(Storage storage, SessionQuota quota) {
        return storage instanceof Storage.Embedded embedded
                ? new Storage.Embedded(embedded.dataDir(), b -> quota.guard().apply(embedded.sessionPuts().apply(b)))
                : storage;
    }

    /**
     * The chunk queue, when there is one: ElasticMQ started here, or a queue at a URL. The embedded store publishes
     * each stored chunk to it as an S3 event (on AWS the bucket's notification does).
     */
    private static Optional<JobQueue> openQueue(ServerConfig config, StorageClients storage,
            Deque<AutoCloseable> resources) {
        QueueSettings settings = config.queue();
        Optional<URI> url = settings.existing();
        if (url.isEmpty() && settings.embedded()) {
            EmbeddedQueue embedded = EmbeddedQueue.start(config.host(), config.queuePort(),
                    settings.visibilityTimeout(), settings.maxReceives());
            resources.push(embedded);
            url = Optional.of(embedded.queueUrl());
        }
        if (url.isEmpty()) {
            return Optional.empty();
        }
        JobQueue queue = JobQueue.connect(url.get());
        resources.push(queue);
        storage.localStore().ifPresent(store -> store.addListener(
                new StoreEventPublisher(queue, storage.region(), config.bucket(), config.clock())));
        return Optional.of(queue);
    }

    /**
     * The converter worker and playlist. With a queue the worker takes its chunks from it; without one the embedded
     * store tells it of each new object at once (its listing of the bucket is only a safety net there).
     */
    private static Playback startPlayback(ServerConfig config, Converter converter, S3Client adminS3,
            Optional<EmbeddedObjectStore> localStore, Optional<JobQueue> jobs, SessionQuota quota) {
        PlaybackSettings settings = config.playback().withCredentialLifetime(config.credentialLifetime());
        Duration safetyNetPoll = Duration.ofSeconds(10);
        if (localStore.isPresent() && settings.worker().pollInterval().compareTo(safetyNetPoll) < 0) {
            settings = settings.withWorker(settings.worker().withPollInterval(safetyNetPoll));
        }
        Path scratch;
        try {
            // Scratch space only (emptied as it goes): in AWS mode the data directory is not ours to write.
            scratch = Files.createTempDirectory("stereospot-playback-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary folder for the converter", e);
        }
        Playback playback = Playback.start(settings, converter, adminS3, config.bucket(), scratch, config.clock(),
                config.converting(), jobs, quota);
        localStore.ifPresent(store -> store.addListener((key, sizeBytes) -> playback.objectStored(key)));
        return playback;
    }

    /** The chunk queue's URL, when this server has one (for {@code converter --queue URL}). */
    public Optional<URI> queueUrl() {
        return queueUrl;
    }

    /** The HTTP API base as bound, e.g. {@code http://127.0.0.1:8470}. */
    public URI baseUrl() {
        return api.baseUrl();
    }

    /** The base URL handed out in playlist URLs: the configured public URL, or {@link #baseUrl()}. */
    public URI publicUrl() {
        return publicUrl;
    }

    /** Where the watch page is served over HTTPS (e.g. {@code https://192.168.1.20:8474}); empty without it. */
    public Optional<URI> watchOrigin() {
        return watchOrigin;
    }

    /** The S3 endpoint clients upload to; null on AWS itself (the SDK's regional default). */
    public URI s3Endpoint() {
        return storage.s3Endpoint();
    }

    /** The STS endpoint the server calls; null on AWS itself. */
    public URI stsEndpoint() {
        return storage.stsEndpoint();
    }

    /** A client with the server's own credentials (root of the embedded store, or the server's AWS identity). */
    public S3Client adminS3() {
        return storage.adminS3();
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

    /**
     * What makes the depth of the segments, live: the depth model, its download, or approximate depth and why; for
     * a converter without depth ({@code sbs}), {@link DepthSource.NoDepth}.
     */
    public DepthStatus depthSource() {
        return depth;
    }

    /** The embedded store; empty on AWS. */
    public Optional<EmbeddedObjectStore> localStore() {
        return storage.localStore();
    }

    /**
     * Subscribes to "object stored" events of the embedded store (any key, any credentials).
     *
     * @return false on AWS, where no events exist (poll the bucket instead)
     */
    public boolean addObjectStoredListener(ObjectStoredListener listener) {
        storage.localStore().ifPresent(store -> store.addListener(listener));
        return storage.localStore().isPresent();
    }

    public void removeObjectStoredListener(ObjectStoredListener listener) {
        storage.localStore().ifPresent(store -> store.removeListener(listener));
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
