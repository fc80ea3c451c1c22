package io.stereospot.app.platform;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The project version, written into {@code version.properties} by Maven's resource filtering. */
public final class AppVersion {

    public static final String PRODUCT = "StereoSpot Stream";

    private AppVersion() {
    }

    /** E.g. {@code 0.1.0-SNAPSHOT}; "unknown" when the file is missing (never in a build made by Maven). */
    public static String version() {
        try (InputStream in = AppVersion.class.getResourceAsStream("/io/stereospot/app/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String version = p.getProperty("version", "unknown");
            return version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** E.g. {@code StereoSpot Stream 0.1.0-SNAPSHOT}: what {@code --version} prints. */
    public static String nameAndVersion() {
        return PRODUCT + " " + version();
    }
}
