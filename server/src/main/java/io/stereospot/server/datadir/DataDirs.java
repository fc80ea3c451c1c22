package io.stereospot.server.datadir;

import java.nio.file.Path;
import java.util.Map;

/** The per-user place the server keeps its store and credentials when no data dir is given. */
public final class DataDirs {

    private DataDirs() {
    }

    /** {@code $XDG_DATA_HOME/stereospot}, else {@code ~/.local/share/stereospot} (the XDG default). */
    public static Path defaultDataDir(Map<String, String> env, String userHome) {
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "stereospot");
        }
        return Path.of(userHome, ".local", "share", "stereospot");
    }

    public static Path defaultDataDir() {
        return defaultDataDir(System.getenv(), System.getProperty("user.home"));
    }
}
