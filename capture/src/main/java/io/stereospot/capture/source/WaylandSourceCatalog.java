package io.stereospot.capture.source;

import io.stereospot.capture.source.portal.PortalException;
import io.stereospot.capture.source.portal.PortalScreenCast;
import io.stereospot.media.process.ExternalProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Wayland session: screens and native windows through the xdg-desktop-portal ScreenCast interface and PipeWire
 * (the person picks in the system's dialog; a restore token skips it next time), windows of X11 programs through
 * XWayland and x11grab as on X11, sound from PulseAudio or PipeWire's pulse server as on X11.
 */
final class WaylandSourceCatalog implements SourceCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(WaylandSourceCatalog.class);
    /** How long a person may take over the system's sharing dialog. */
    private static final Duration DIALOG_TIMEOUT = Duration.ofMinutes(5);

    private final Map<String, String> environment;
    private final X11SourceCatalog xwayland;
    private final RestoreTokens tokens;

    WaylandSourceCatalog(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        this.xwayland = new X11SourceCatalog(environment);
        this.tokens = RestoreTokens.of(environment);
    }

    /** A Wayland session: the session type says so, or a Wayland display is set. */
    static boolean isWayland(Map<String, String> environment) {
        return environment.getOrDefault("XDG_SESSION_TYPE", "").equalsIgnoreCase("wayland")
                || !environment.getOrDefault("WAYLAND_DISPLAY", "").isBlank();
    }

    @Override
    public Platform platform() {
        return Platform.LINUX_X11;
    }

    @Override
    public List<CaptureSource> videoSources() {
        List<CaptureSource> sources = new ArrayList<>(portalSources());
        if (hasXWayland()) {
            sources.addAll(xwayland.windows());
        }
        return sources;
    }

    /** What the portal offers: the entire screen, and a window where it can (GNOME, KDE; not wlroots). */
    List<CaptureSource.Portal> portalSources() {
        try (PortalScreenCast portal = PortalScreenCast.connect(bus())) {
            int types = portal.availableSourceTypes();
            List<CaptureSource.Portal> offered = new ArrayList<>();
            if ((types & PortalScreenCast.MONITOR) != 0) {
                offered.add(CaptureSource.Portal.SCREEN);
            }
            if ((types & PortalScreenCast.WINDOW) != 0) {
                offered.add(CaptureSource.Portal.WINDOW);
            }
            return offered;
        } catch (PortalException e) {
            LOG.info("No screen sharing portal: {}", e.getMessage());
            return List.of();
        }
    }

    @Override
    public List<AudioSource> audioSources() {
        return xwayland.audioSources();
    }

    @Override
    public byte[] thumbnailPng(CaptureSource source, int maxWidth) {
        if (source instanceof CaptureSource.Portal) {
            // Grabbing one would show the system's dialog while the person is only looking at the list.
            throw new SourceUnavailableException("The system shows what it shares once the broadcast starts.");
        }
        return xwayland.thumbnailPng(source, maxWidth);
    }

    @Override
    public Optional<String> platformWarning() {
        if (portalSources().isEmpty()) {
            return Optional.of("This is a Wayland session without the system's screen sharing portal:"
                    + " install xdg-desktop-portal and the one for your desktop (-gnome, -kde or -wlr), or log in"
                    + " with an X11 (Xorg) session. Until then only windows of X11 programs can be captured.");
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> captureProblem(CaptureSource source) {
        if (source instanceof CaptureSource.Portal) {
            return Optional.empty();
        }
        return xwayland.captureProblem(source);
    }

    @Override
    public boolean isAvailable(CaptureSource source) {
        return source instanceof CaptureSource.Portal || xwayland.isAvailable(source);
    }

    @Override
    public Map<String, String> processEnvironment() {
        return environment;
    }

    /**
     * For a portal source: checks GStreamer's PipeWire plugin, asks the portal (with last time's restore token),
     * keeps the new token and starts GStreamer on the node it gave. Other sources are grabbed by FFmpeg.
     */
    @Override
    public Optional<VideoFeed> openVideo(CaptureSource source, int width, int height, int fps) {
        if (!(source instanceof CaptureSource.Portal chosen)) {
            return Optional.empty();
        }
        ExternalProcess.Output plugin = ExternalProcess.attempt(List.of("gst-inspect-1.0", "pipewiresrc"),
                environment, Duration.ofSeconds(15));
        if (!plugin.succeeded()) {
            throw new SourceUnavailableException("GStreamer's PipeWire plugin is missing, and StereoSpot reads the"
                    + " shared screen with it: install gstreamer1.0-pipewire (Debian, Ubuntu) or"
                    + " gstreamer1-plugin-pipewire (Fedora)."
                    + (plugin.exitCode() == ExternalProcess.NOT_RUN ? " GStreamer's gst-inspect-1.0 itself was not"
                            + " found (gstreamer1.0-tools)." : ""));
        }
        Optional<String> token = tokens.load(chosen);
        PortalScreenCast portal;
        PortalScreenCast.Stream stream;
        try {
            portal = PortalScreenCast.connect(bus());
        } catch (PortalException e) {
            throw new SourceUnavailableException(e.getMessage());
        }
        try {
            stream = portal.start(chosen.window() ? PortalScreenCast.WINDOW : PortalScreenCast.MONITOR, token,
                    DIALOG_TIMEOUT);
        } catch (PortalException e) {
            portal.close();
            throw e.kind() == PortalException.Kind.CANCELLED ? new SourceUnavailableException(e.getMessage(), true)
                    : new SourceUnavailableException(e.getMessage());
        }
        tokens.save(chosen, stream.restoreToken());
        LOG.info("The screen sharing portal gave PipeWire node {} ({}x{}); restore token {}, {}", stream.nodeId(),
                stream.width(), stream.height(), token.isPresent() ? "reused" : "none before",
                stream.restoreToken().isPresent() ? "a new one kept" : "none given back");
        try {
            PipeWireFeed feed = PipeWireFeed.start(stream.nodeId(), width, height, fps, environment);
            return Optional.of(new PortalVideoFeed(chosen, stream, feed, portal));
        } catch (RuntimeException e) {
            portal.close();
            throw e;
        }
    }

    private String bus() {
        return environment.get("DBUS_SESSION_BUS_ADDRESS");
    }

    private boolean hasXWayland() {
        return !environment.getOrDefault("DISPLAY", "").isBlank();
    }
}
