package io.stereospot.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder FFmpeg writes one session's chunks and segment list into, until they are uploaded. It lives in the
 * folder the settings name, or in a temporary folder of its own, and leaves nothing behind.
 */
final class Spool {

    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);

    private final Path dir;
    private final boolean ownParent;

    private Spool(Path dir, boolean ownParent) {
        this.dir = dir;
        this.ownParent = ownParent;
    }

    /** @param base where to put it; null for a new temporary folder, removed again by {@link #clean()} */
    static Spool create(Path base, String sessionId) throws IOException {
        boolean temporary = base == null;
        Path parent = temporary ? Files.createTempDirectory("stereospot-spool-") : base;
        // A folder per session: chunks or a list left by an earlier run can never be mistaken for this one's.
        return new Spool(Files.createDirectories(parent.resolve(sessionId)), temporary);
    }

    Path dir() {
        return dir;
    }

    /** Deletes the session's folder and everything left in it (and the temporary parent); logs what it cannot. */
    void clean() {
        try (Stream<Path> files = Files.walk(dir)) {
            // Deepest first, so each folder is empty when its turn comes.
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(file);
            }
            if (ownParent) {
                Files.deleteIfExists(dir.getParent());
            }
        } catch (IOException e) {
            LOG.warn("Could not clean the spool folder {}: {}", dir, e.getMessage());
        }
    }
}
