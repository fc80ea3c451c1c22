package io.stereospot.app.gui.model;

import io.stereospot.app.gui.local.LocalStreamServer;
import io.stereospot.app.gui.settings.DepthChoice;
import io.stereospot.capture.Broadcast;
import io.stereospot.capture.BroadcastListener;
import io.stereospot.capture.CaptureSettings;
import io.stereospot.capture.session.SessionClient;
import io.stereospot.capture.session.SessionApi;
import io.stereospot.capture.source.SourceCatalog;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Local mode starts (or reuses) the server inside the app, with the window's depth settings; otherwise the typed
 * server URL gets the session (a remote server's converter is its own).
 */
final class ServerChoosingLauncher implements BroadcastLauncher {

    private final SourceCatalog catalog;
    private final LocalStreamServer localServer;
    private final Clock clock;
    private final Supplier<String> apiKey;
    private final Path encoderCache;

    /**
     * @param apiKey       the key a remote server asks for on create, read at each start; empty = none
     * @param encoderCache where the encoder probe keeps its answers
     */
    ServerChoosingLauncher(SourceCatalog catalog, LocalStreamServer localServer, Clock clock,
            Supplier<String> apiKey, Path encoderCache) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.localServer = Objects.requireNonNull(localServer, "localServer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.encoderCache = Objects.requireNonNull(encoderCache, "encoderCache");
    }

    @Override
    public Broadcast launch(CaptureSettings settings, String remoteServerUrl, boolean lanAccess, DepthChoice depth,
            BroadcastListener events) {
        SessionApi sessions;
        if (remoteServerUrl.isEmpty()) {
            LocalStreamServer.Started local = localServer.ensureRunning(lanAccess,
                    LocalStreamServer.converterFor(depth));
            local.warningSentence().ifPresent(events::warning);
            sessions = new SessionClient(local.server().baseUrl());
        } else {
            sessions = new SessionClient(URI.create(remoteServerUrl)).withApiKey(apiKey.get());
        }
        // The window says "10 minutes left" itself (LiveStatus.tick), so the engine's own credential warning is
        // moved to the expiry instant, which the clean stop 30 s before always pre-empts.
        Broadcast broadcast = Broadcast.builder(settings, sessions, events).catalog(catalog).clock(clock)
                .credentialLeads(Duration.ZERO, Duration.ofSeconds(30)).encoderCache(encoderCache).build();
        broadcast.start();
        return broadcast;
    }

    @Override
    public void close() {
        localServer.close();
    }
}
