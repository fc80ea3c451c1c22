package io.stereospot.server.testing;

import io.stereospot.server.ServerConfig;
import io.stereospot.server.StreamServer;
import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.store.EmbeddedObjectStore;
import io.stereospot.server.store.StoreFaults;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.Optional;

/**
 * The stream server as tests start it: the embedded store and STS on free ports over a data dir the test owns. The
 * {@link StreamServer} returned is the handle to close. Where a test needs more than the starters offer, it
 * adjusts {@link #config(Path)}.
 */
public final class TestServers {

    private TestServers() {
    }

    /**
     * The configuration every starter begins with: free ports, embedded store over {@code dataDir}, and the flat
     * {@code sbs} converter. The default converter (depth) costs more CPU a chunk; tests about the server, not about
     * depth, should not be slowed or made timing-sensitive by it. Tests of depth choose it.
     */
    public static ServerConfig.Builder config(Path dataDir) {
        return ServerConfig.builder().port(0).dataDir(dataDir).converter(ConverterSettings.sbs());
    }

    /**
     * This machine's first IPv4 address other devices could reach (not loopback, not link-local), for a server bound
     * where a LAN reaches it; empty when it has none.
     */
    public static Optional<String> lanAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLinkLocalAddress()) {
                        return Optional.of(address.getHostAddress());
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The server with its defaults (system clock), converting with {@code sbs}. */
    public static StreamServer embedded(Path dataDir) {
        return StreamServer.start(config(dataDir).build());
    }

    /** Credential expiry and session timestamps follow {@code clock} (a {@link MutableClock} to expire them). */
    public static StreamServer withClock(Path dataDir, Clock clock) {
        return StreamServer.start(config(dataDir).clock(clock).build());
    }

    /** Chunks are turned into segments by {@code converter}. */
    public static StreamServer withConverter(Path dataDir, ConverterSettings converter) {
        return StreamServer.start(config(dataDir).converter(converter).build());
    }

    /** Every PutObject a session credential is granted goes through {@code faults} first. */
    public static StreamServer withFaults(Path dataDir, StoreFaults faults) {
        return StreamServer.start(faults.installedIn(config(dataDir), dataDir).build());
    }

    /** Where the server's embedded store keeps {@code key} of its bucket as a plain file (which may not exist). */
    public static Path objectFile(StreamServer server, String key) {
        return server.localStore().orElseThrow().objectFile(server.bucket(), key);
    }

    /**
     * Where the embedded store over {@code dataDir} keeps {@code key} of the default bucket, whether or not a server
     * runs there now.
     */
    public static Path objectFile(Path dataDir, String key) {
        return EmbeddedObjectStore.objectFileIn(dataDir, ServerConfig.DEFAULT_BUCKET, key);
    }

    /** The embedded store's directory under {@code dataDir}: bucket folders with one file per object. */
    public static Path storeRoot(Path dataDir) {
        return EmbeddedObjectStore.storeRootOf(dataDir);
    }
}
