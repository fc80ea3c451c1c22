package io.stereospot.app.gui.local;

import io.stereospot.app.gui.settings.DepthChoice;
import io.stereospot.server.ServerConfig;
import io.stereospot.server.StreamServer;
import io.stereospot.server.access.AccessSettings;
import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.convert.DepthSettings;
import io.stereospot.server.convert.depth.DepthSource;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream server the app runs inside itself in local mode: started on first use, restarted when the
 * network switch or the converter (3D depth on or off, its strength, convergence, model file) changes, stopped on
 * exit. Calls from one task at a time (the view model's); {@link #watchDepth} may be set from any thread.
 */
public final class LocalStreamServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStreamServer.class);
    static final String LOCALHOST = "127.0.0.1";

    private final Path dataDir;
    private final int preferredPort;
    private StreamServer server;
    private boolean lan;
    private ConverterSettings converter;
    private volatile Consumer<DepthSource> depthWatcher = source -> { };
    private Runnable unwatch = () -> { };

    /**
     * @param dataDir       where the embedded store keeps chunks and segments; null = the per-user default
     * @param preferredPort the API port to try first (8470); 0 = any free port
     */
    public LocalStreamServer(Path dataDir, int preferredPort) {
        this.dataDir = dataDir;
        this.preferredPort = preferredPort;
    }

    /**
     * The running server, started (or restarted) to listen on this computer only or on its network address.
     *
     * @return what happened, with a sentence when the network address could not be used
     */
    public synchronized Started ensureRunning(boolean lanAccess) {
        return ensureRunning(lanAccess, ConverterSettings.defaults());
    }

    /**
     * The same, with the converter the segments are made with ({@code depth} or the flat {@code sbs}).
     *
     * @return what happened, with a sentence when the network address could not be used
     */
    public synchronized Started ensureRunning(boolean lanAccess, ConverterSettings converterSettings) {
        String warning = null;
        String host = LOCALHOST;
        if (lanAccess) {
            Optional<String> address = LanAddresses.find();
            if (address.isPresent()) {
                host = address.get();
            } else {
                warning = "This computer has no network address other devices can reach, so the stream plays "
                        + "on this computer only.";
            }
        }
        if (server != null && lan == lanAccess && server.config().host().equals(host)
                && converter.equals(converterSettings)) {
            return new Started(server, warning);
        }
        close();
        server = start(host, converterSettings);
        lan = lanAccess;
        converter = converterSettings;
        unwatch = server.depthSource().subscribe(source -> depthWatcher.accept(source));
        LOG.info("Local stream server listening at {}", server.baseUrl());
        return new Started(server, warning);
    }

    /**
     * Who is told what makes the depth of the running server's segments, now and whenever it changes (on the
     * model loader's thread): the model, its download, approximate depth and why, or no depth (3D off).
     */
    public synchronized void watchDepth(Consumer<DepthSource> watcher) {
        depthWatcher = watcher;
        if (server != null) {
            watcher.accept(server.depthSource().current());
        }
    }

    private StreamServer start(String host, ConverterSettings converterSettings) {
        // On the LAN the watch page is also served over HTTPS: a headset allows WebXR only in a secure context.
        ServerConfig.Builder config = ServerConfig.builder().host(host).dataDir(dataDir)
                .converter(converterSettings).https(!LOCALHOST.equals(host))
                .access(AccessSettings.localApp()); // other devices on the LAN watch; only this computer creates
        if (preferredPort != 0) {
            try {
                return StreamServer.start(config.port(preferredPort).build());
            } catch (RuntimeException e) {
                // Another program (or a second window) holds the usual ports: any free port works just as well,
                // the playlist URL carries it.
                LOG.info("Port {} is taken ({}); using a free port", preferredPort, e.getMessage());
            }
        }
        return StreamServer.start(config.port(0).build());
    }

    /** The converter for the window's depth settings: {@code depth} with them, or flat {@code sbs} for 3D off. */
    public static ConverterSettings converterFor(DepthChoice depth) {
        return depth.on()
                ? ConverterSettings.depth(0, 0, new DepthSettings(depth.strengthPercent(), depth.convergence(),
                        depth.modelFile().isEmpty() ? null : Path.of(depth.modelFile())))
                : ConverterSettings.sbs();
    }

    /** The server, if running. */
    public synchronized Optional<StreamServer> current() {
        return Optional.ofNullable(server);
    }

    public synchronized Optional<URI> baseUrl() {
        return current().map(StreamServer::baseUrl);
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            unwatch.run();
            server.close();
            server = null;
        }
    }

    /** The server now running, and a sentence for the person when it is not what they asked for. */
    public record Started(StreamServer server, String warning) {
        public Optional<String> warningSentence() {
            return Optional.ofNullable(warning);
        }
    }
}
