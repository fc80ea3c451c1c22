package io.stereospot.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** What is on disk under a store directory: the proof that a refused request wrote nothing. */
public final class StoreFiles {

    private StoreFiles() {
    }

    /** Every regular file under {@code root}, as paths relative to it with '/' separators. */
    public static Set<String> list(Path root) {
        if (!Files.exists(root)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            Set<String> names = new TreeSet<>();
            files.filter(Files::isRegularFile).forEach(f -> names.add(root.relativize(f).toString().replace('\\', '/')));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
