package io.stereospot.capture.source;

import java.util.Map;

/** Picks the catalog implementation of a platform. */
final class SourceCatalogs {

    private SourceCatalogs() {
    }

    static SourceCatalog create(Platform platform, Map<String, String> environment) {
        return switch (platform) {
            case LINUX_X11 -> WaylandSourceCatalog.isWayland(environment) ? new WaylandSourceCatalog(environment)
                    : new X11SourceCatalog(environment);
            case WINDOWS -> new WindowsSourceCatalog(environment);
            case MACOS -> new MacSourceCatalog(environment);
        };
    }
}
