package io.stereospot.app.gui;

import io.stereospot.app.gui.settings.SettingsStore;
import io.stereospot.capture.source.SourceCatalog;
import io.stereospot.server.ServerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What the window is started with: where sources come from, where settings live, where and on which port the
 * local server keeps its data, and whether closing the window ends the program. Tests point it at their own
 * display, folders and ports.
 *
 * @param catalog        screens, windows, audio and the environment FFmpeg runs in
 * @param settingsFile   the per-user settings file
 * @param dataDir        the local server's data folder; null = the per-user default
 * @param localPort      the local server's preferred API port (8470); 0 = any free port
 * @param clock          elapsed time and the time limit
 * @param exitOnClose    end the JVM once the window is closed and everything has stopped
 */
public record GuiEnvironment(SourceCatalog catalog, Path settingsFile, Path dataDir, int localPort, Clock clock,
                             boolean exitOnClose) {

    public GuiEnvironment {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(settingsFile, "settingsFile");
        Objects.requireNonNull(clock, "clock");
    }

    /** The real thing: this desktop, this user's folders, port 8470. */
    public static GuiEnvironment forThisUser() {
        Map<String, String> env = System.getenv();
        return new GuiEnvironment(SourceCatalog.forThisPlatform(env), SettingsStore.defaultFile(env), null,
                ServerConfig.DEFAULT_PORT, Clock.systemUTC(), true);
    }
}
