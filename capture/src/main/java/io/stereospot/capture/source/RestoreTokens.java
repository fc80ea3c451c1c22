package io.stereospot.capture.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The screen-sharing portal's restore tokens, one per kind of source, kept beside the window's settings
 * ({@code $XDG_CONFIG_HOME/stereospot}, else {@code ~/.config/stereospot}): with one, the portal starts what the
 * person chose last time without showing its dialog again. The portal's documentation calls a token single-use
 * (xdg-desktop-portal 1.16 gives the same one back for a choice kept until revoked), so each start keeps whatever
 * the portal gave back, and forgets the token when it gave none.
 */
final class RestoreTokens {

    private static final Logger LOG = LoggerFactory.getLogger(RestoreTokens.class);

    private final Path folder;

    RestoreTokens(Path folder) {
        this.folder = folder;
    }

    /** The folder for {@code environment}'s user. */
    static RestoreTokens of(Map<String, String> environment) {
        String config = environment.get("XDG_CONFIG_HOME");
        Path base = config != null && !config.isBlank() ? Path.of(config)
                : Path.of(environment.getOrDefault("HOME", System.getProperty("user.home")), ".config");
        return new RestoreTokens(base.resolve("stereospot"));
    }

    Optional<String> load(CaptureSource.Portal source) {
        Path file = file(source);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip())
                    .filter(t -> !t.isEmpty()) : Optional.empty();
        } catch (IOException e) {
            LOG.warn("Could not read the screen-sharing token {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    void save(CaptureSource.Portal source, Optional<String> token) {
        Path file = file(source);
        try {
            if (token.isEmpty()) {
                Files.deleteIfExists(file);
                return;
            }
            Files.createDirectories(folder);
            Files.writeString(file, token.get() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("Could not keep the screen-sharing token in {}: {} (the dialog will ask again next time)",
                    file, e.getMessage());
        }
    }

    Path file(CaptureSource.Portal source) {
        return folder.resolve("screencast-" + (source.window() ? "window" : "screen") + ".token");
    }
}
