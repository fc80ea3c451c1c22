package io.stereospot.server.convert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Local scratch space (chunks and segments on their way through): removed after use, never worth failing over. */
public final class ScratchFolders {

    private static final Logger LOG = LoggerFactory.getLogger(ScratchFolders.class);

    private ScratchFolders() {
    }

    /** Deletes {@code dir} and everything in it, as far as it can; null or missing is fine. */
    public static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("Could not remove the scratch folder {}: {}", dir, e.toString());
        }
    }
}
