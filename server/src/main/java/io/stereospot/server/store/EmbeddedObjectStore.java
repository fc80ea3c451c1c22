package io.stereospot.server.store;
import io.stereospot.server.iam.RootCredentials;
import io.stereospot.server.iam.MintedCredentials;

import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.gaul.s3proxy.AccessGrant;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.shaded.org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.gaul.shaded.org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded S3-compatible store: S3Proxy over {@code <dataDir>/store}, each object a plain file at
 * {@code <dataDir>/store/<bucket>/<key>}. It verifies SigV4 signatures; the root key gets the whole store, each
 * minted key a {@link GrantEnforcingBlobStore} limited to its grant.
 */
public final class EmbeddedObjectStore implements AutoCloseable {

    public static final String STORE_DIR = "store";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedObjectStore.class);

    private final S3Proxy proxy;
    private final NotifyingBlobStore rootStore;
    private final Path storeRoot;
    private final URI endpoint;

    private EmbeddedObjectStore(S3Proxy proxy, NotifyingBlobStore rootStore, Path storeRoot, URI endpoint) {
        this.proxy = proxy;
        this.rootStore = rootStore;
        this.storeRoot = storeRoot;
        this.endpoint = endpoint;
    }

    /**
     * @param port        0 for an ephemeral port
     * @param sessionPuts what each write a session credential is granted passes through on its way to the store,
     *                    after the grant checks ({@link UnaryOperator#identity()}: straight to it); the server's own
     *                    writes (root credentials) never do
     */
    public static EmbeddedObjectStore start(Path dataDir, String host, int port, RootCredentials root,
            MintedCredentials minted, Clock clock, UnaryOperator<BlobStore> sessionPuts) {
        Path storeRoot = storeRootOf(dataDir);
        try {
            Files.createDirectories(storeRoot);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the store directory " + storeRoot, e);
        }
        NotifyingBlobStore rootStore = new NotifyingBlobStore(
                new DiskFullBlobStore(new FilesystemNio2BlobStore(storeRoot.toString())), storeRoot);
        BlobStore sessionStore = sessionPuts.apply(rootStore);
        S3Proxy proxy = S3Proxy.builder()
                .endpoint(URI.create("http://" + host + ":" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, root.accessKeyId(), root.secretAccessKey())
                .blobStore(rootStore)
                // The SDK sends x-amz-security-token with temporary credentials; S3Proxy would refuse it otherwise.
                .ignoreUnknownHeaders(true)
                .build();
        installTokenFilter(proxy);
        proxy.setBlobStoreLocator((identity, container, blob) -> {
            if (identity == null) {
                return null;
            }
            if (identity.equals(root.accessKeyId())) {
                return new AccessGrant(root.secretAccessKey(), rootStore);
            }
            return minted.find(identity)
                    .map(grant -> new AccessGrant(grant.secretAccessKey(), new GrantEnforcingBlobStore(sessionStore,
                            grant, SessionTokenFilter.currentToken(), clock)))
                    .orElse(null);
        });
        try {
            proxy.start();
        } catch (Exception e) {
            throw new IllegalStateException("The embedded object store could not start on " + host + ":" + port
                    + ": " + e.getMessage(), e);
        }
        URI endpoint = URI.create("http://" + host + ":" + proxy.getPort());
        LOG.info("Embedded object store listening on {} over {}", endpoint, storeRoot);
        return new EmbeddedObjectStore(proxy, rootStore, storeRoot, endpoint);
    }

    /**
     * S3Proxy offers no hook that sees the request before its locator runs, so we add a servlet filter to the
     * servlet context of its (shaded) Jetty. Without it the session token would go unchecked: refuse to start.
     */
    private static void installTokenFilter(S3Proxy proxy) {
        try {
            Field serverField = S3Proxy.class.getDeclaredField("server");
            serverField.setAccessible(true);
            Server server = (Server) serverField.get(proxy);
            ServletContextHandler context =
                    Objects.requireNonNull(server.getDescendant(ServletContextHandler.class), "servlet context");
            context.addFilter(new SessionTokenFilter(), "/*", EnumSet.of(DispatcherType.REQUEST));
        } catch (ReflectiveOperationException | ClassCastException | NullPointerException e) {
            throw new IllegalStateException("This S3Proxy version cannot check session tokens; refusing to start", e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** {@code <dataDir>/store}: bucket directories with one plain file per object. */
    public Path storeRoot() {
        return storeRoot;
    }

    /** Where this store keeps {@code key} of {@code bucket} as a plain file (which may not exist). */
    public Path objectFile(String bucket, String key) {
        return objectFileOf(storeRoot, bucket, key);
    }

    /** The store directory of the embedded store over {@code dataDir}, running or not. */
    public static Path storeRootOf(Path dataDir) {
        return dataDir.resolve(STORE_DIR);
    }

    /**
     * Where the embedded store over {@code dataDir} keeps {@code key} of {@code bucket}, running or not:
     * {@code <dataDir>/store/<bucket>/<key>}.
     */
    public static Path objectFileIn(Path dataDir, String bucket, String key) {
        return objectFileOf(storeRootOf(dataDir), bucket, key);
    }

    static Path objectFileOf(Path storeRoot, String bucket, String key) {
        return storeRoot.resolve(bucket).resolve(key);
    }

    public void addListener(ObjectStoredListener listener) {
        rootStore.addListener(listener);
    }

    public void removeListener(ObjectStoredListener listener) {
        rootStore.removeListener(listener);
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            LOG.warn("The embedded object store did not stop cleanly: {}", e.toString());
        }
    }
}
