package io.stereospot.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.nio.file.LinkOption;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A private temporary folder holding a server's data dir one level down ({@code <sandbox>/data}), so a write
 * that escapes the data dir (a {@code ..} resolved by the store) lands where {@link #entries()} still sees it.
 * For jqwik properties, which get no JUnit {@code @TempDir}.
 */
public final class Sandbox implements AutoCloseable {

    private final Path root;

    private Sandbox(Path root) {
        this.root = root;
    }

    public static Sandbox create(String name) {
        try {
            return new Sandbox(Files.createTempDirectory(name + "-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    public Path dataDir() {
        return root.resolve("data");
    }

    /**
     * Every file and folder in the sandbox (data dir included), relative, '/'-separated, folders ending in '/':
     * a refused request that only made a folder has written something too.
     */
    public Set<String> entries() {
        try (Stream<Path> paths = Files.walk(root)) {
            Set<String> names = new TreeSet<>();
            paths.filter(p -> !p.equals(root)).forEach(p -> names.add(root.relativize(p).toString().replace('\\', '/')
                    + (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "/" : "")));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code a} has that {@code b} has not: {@code minus(after, before)} is what a request added. */
    public static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> rest = new TreeSet<>(a);
        rest.removeAll(b);
        return rest;
    }
}
