package io.stereospot.app.platform;

import io.stereospot.server.datadir.DataDirs;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where this user's logs, settings and data live, in each platform's usual place:
 * <table>
 * <caption>folders</caption>
 * <tr><th></th><th>Linux (XDG)</th><th>Windows</th><th>macOS</th></tr>
 * <tr><td>logs</td><td>$XDG_STATE_HOME/stereospot (~/.local/state/stereospot)</td>
 *     <td>%LOCALAPPDATA%\StereoSpot\logs</td><td>~/Library/Logs/StereoSpot</td></tr>
 * <tr><td>settings</td><td>$XDG_CONFIG_HOME/stereospot (~/.config/stereospot)</td>
 *     <td>%APPDATA%\StereoSpot</td><td>~/Library/Application Support/StereoSpot</td></tr>
 * <tr><td>data</td><td>$XDG_DATA_HOME/stereospot (~/.local/share/stereospot)</td>
 *     <td>%LOCALAPPDATA%\StereoSpot</td><td>~/Library/Application Support/StereoSpot</td></tr>
 * </table>
 * XDG variables that are empty or relative are ignored, as the XDG specification asks.
 */
public final class PlatformDirs {

    /** The platforms that have folders of their own; every other system is treated as Linux (XDG). */
    public enum Os {
        LINUX, WINDOWS, MACOS;

        public static Os named(String osName) {
            String name = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
            return name.startsWith("windows") ? WINDOWS : name.startsWith("mac") ? MACOS : LINUX;
        }
    }

    private static final String APP = "StereoSpot";
    private static final String XDG_APP = "stereospot";

    private final Os os;
    private final Map<String, String> env;
    private final Path home;

    public PlatformDirs(Os os, Map<String, String> env, Path home) {
        this.os = os;
        this.env = env;
        this.home = home;
    }

    public static PlatformDirs forThisUser() {
        return forThisUser(System.getenv());
    }

    /** This system and this user's home, with the folders' variables from {@code env}. */
    public static PlatformDirs forThisUser(Map<String, String> env) {
        return new PlatformDirs(Os.named(System.getProperty("os.name")), env, Path.of(System.getProperty("user.home")));
    }

    public Os os() {
        return os;
    }

    /** The folder of the rolling log file. */
    public Path logs() {
        return switch (os) {
            case WINDOWS -> localAppData().resolve("logs");
            case MACOS -> home.resolve("Library").resolve("Logs").resolve(APP);
            case LINUX -> xdg("XDG_STATE_HOME", ".local", "state");
        };
    }

    /** The window's settings file. */
    public Path settingsFile() {
        Path folder = switch (os) {
            case WINDOWS -> windowsFolder("APPDATA", "Roaming");
            case MACOS -> applicationSupport();
            case LINUX -> xdg("XDG_CONFIG_HOME", ".config");
        };
        return folder.resolve("settings.properties");
    }

    /** The stream server's data folder (store and credentials) when none is given. */
    public Path data() {
        return switch (os) {
            case WINDOWS -> localAppData();
            case MACOS -> applicationSupport();
            case LINUX -> DataDirs.defaultDataDir(env, home.toString());
        };
    }

    /** Where the encoder probe keeps its answers for this machine: in the data folder. */
    public Path encoderCache() {
        return encoderCacheIn(data());
    }

    /** The encoder probe's answers in the data folder {@code dataDir}. */
    public static Path encoderCacheIn(Path dataDir) {
        return dataDir.resolve("encoders.json");
    }

    private Path xdg(String variable, String... defaultUnderHome) {
        String value = env.get(variable);
        if (value != null && !value.isBlank() && Path.of(value).isAbsolute()) {
            return Path.of(value, XDG_APP);
        }
        Path folder = home;
        for (String part : defaultUnderHome) {
            folder = folder.resolve(part);
        }
        return folder.resolve(XDG_APP);
    }

    private Path localAppData() {
        return windowsFolder("LOCALAPPDATA", "Local");
    }

    /** {@code %VARIABLE%\StereoSpot}, else the folder Windows puts there by default under the profile. */
    private Path windowsFolder(String variable, String underAppData) {
        String value = env.get(variable);
        Path base = value != null && !value.isBlank() ? Path.of(value) : home.resolve("AppData").resolve(underAppData);
        return base.resolve(APP);
    }

    private Path applicationSupport() {
        return home.resolve("Library").resolve("Application Support").resolve(APP);
    }
}
