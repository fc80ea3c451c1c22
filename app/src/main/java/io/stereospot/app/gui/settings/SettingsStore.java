package io.stereospot.app.gui.settings;

import io.stereospot.capture.Resolution;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-user settings in a properties file, where {@code PlatformDirs.settingsFile()} says (on Linux
 * {@code $XDG_CONFIG_HOME/stereospot/settings.properties}, else {@code ~/.config/stereospot/settings.properties}).
 */
public final class SettingsStore {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);

    static final String SOURCE = "source";
    static final String SYSTEM_AUDIO = "audio.system";
    static final String MICROPHONE = "audio.microphone";
    static final String RESOLUTION = "resolution";
    static final String MODE = "mode";
    static final String SERVER_URL = "server.url";
    static final String LAN_ACCESS = "local.lan";
    static final String DEPTH_ON = "depth.on";
    static final String DEPTH_STRENGTH = "depth.strength";
    static final String DEPTH_CONVERGENCE = "depth.convergence";
    static final String DEPTH_MODEL = "depth.model";
    static final String ENCODER = "encoder";

    private final Path file;

    public SettingsStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The saved settings; defaults for what is missing or unreadable (a broken file must not stop the app). */
    public AppSettings load() {
        AppSettings defaults = AppSettings.defaults();
        if (!Files.isRegularFile(file)) {
            return defaults;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Could not read the settings file {} ({}); using defaults", file, e.getMessage());
            return defaults;
        }
        Resolution resolution = defaults.resolution();
        try {
            resolution = Resolution.parse(p.getProperty(RESOLUTION, resolution.label()));
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring the saved resolution: {}", e.getMessage());
        }
        return new AppSettings(
                p.getProperty(SOURCE, defaults.sourceId()),
                bool(p, SYSTEM_AUDIO, defaults.systemAudio()),
                bool(p, MICROPHONE, defaults.microphone()),
                resolution,
                p.getProperty(MODE, defaults.mode()),
                p.getProperty(SERVER_URL, defaults.serverUrl()),
                bool(p, LAN_ACCESS, defaults.lanAccess()),
                depth(p, defaults.depth()),
                p.getProperty(ENCODER, defaults.encoder()));
    }

    /** The depth settings; a file from before them has none, and gets the defaults. */
    private static DepthChoice depth(Properties p, DepthChoice defaults) {
        boolean on = bool(p, DEPTH_ON, defaults.on());
        String model = p.getProperty(DEPTH_MODEL, defaults.modelFile());
        try {
            return new DepthChoice(on, number(p, DEPTH_STRENGTH, defaults.strengthPercent()),
                    number(p, DEPTH_CONVERGENCE, defaults.convergence()), model);
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring the saved depth strength and convergence: {}", e.getMessage());
            return new DepthChoice(on, defaults.strengthPercent(), defaults.convergence(), model);
        }
    }

    /** Writes all settings; the file is replaced in one step, so a crash never leaves half of it. */
    public void save(AppSettings settings) {
        Properties p = new Properties();
        p.setProperty(SOURCE, settings.sourceId());
        p.setProperty(SYSTEM_AUDIO, Boolean.toString(settings.systemAudio()));
        p.setProperty(MICROPHONE, Boolean.toString(settings.microphone()));
        p.setProperty(RESOLUTION, settings.resolution().label());
        p.setProperty(MODE, settings.mode());
        p.setProperty(SERVER_URL, settings.serverUrl());
        p.setProperty(LAN_ACCESS, Boolean.toString(settings.lanAccess()));
        p.setProperty(DEPTH_ON, Boolean.toString(settings.depth().on()));
        p.setProperty(DEPTH_STRENGTH, Double.toString(settings.depth().strengthPercent()));
        p.setProperty(DEPTH_CONVERGENCE, Double.toString(settings.depth().convergence()));
        p.setProperty(DEPTH_MODEL, settings.depth().modelFile());
        p.setProperty(ENCODER, settings.encoder());
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "settings", ".tmp");
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                p.store(out, "StereoSpot Stream Capture settings");
            }
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the settings to " + file + ": " + e.getMessage(), e);
        }
    }

    private static double number(Properties p, String key, double fallback) {
        String value = p.getProperty(key);
        return value == null ? fallback : Double.parseDouble(value.strip());
    }

    private static boolean bool(Properties p, String key, boolean fallback) {
        String value = p.getProperty(key);
        return value == null ? fallback : Boolean.parseBoolean(value.strip());
    }
}
