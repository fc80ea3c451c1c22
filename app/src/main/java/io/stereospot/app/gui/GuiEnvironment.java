package io.stereospot.app.gui;

import io.stereospot.app.platform.PlatformDirs;
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
 * @param dataDir        the local server's data folder
 * @param localPort      the local server's preferred API port (8470); 0 = any free port
 * @param clock          elapsed time and the time limit
 * @param exitOnClose    end the JVM once the window is closed and everything has stopped
 * @param logFolder      where the log file is, for "Open log folder"
 */
public record GuiEnvironment(SourceCatalog catalog, Path settingsFile, Path dataDir, int localPort, Clock clock,
                             boolean exitOnClose, Path logFolder) {

    public GuiEnvironment {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(settingsFile, "settingsFile");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(logFolder, "logFolder");
    }

    /** Where the encoder probe keeps its answers: in the data folder. */
    public Path encoderCache() {
        return dataDir == null ? PlatformDirs.forThisUser().encoderCache() : PlatformDirs.encoderCacheIn(dataDir);
    }

    /** The real thing: this desktop, this user's folders, port 8470. */
    public static GuiEnvironment forThisUser() {
        Map<String, String> env = System.getenv();
        PlatformDirs dirs = PlatformDirs.forThisUser(env);
        return new GuiEnvironment(SourceCatalog.forThisPlatform(env), dirs.settingsFile(), dirs.data(),
                ServerConfig.DEFAULT_PORT, Clock.systemUTC(), true, dirs.logs());
    }
}
