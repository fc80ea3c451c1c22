package io.stereospot.server.datadir;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.Set;

/** Files that hold secrets: created readable by the owner only (0600), replaced atomically. */
public final class SecretFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private SecretFiles() {
    }

    public static void createOwnerOnlyDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Files.createDirectories(dir.getParent());
        if (POSIX) {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        } else {
            Files.createDirectory(dir);
        }
    }

    /** Writes the properties to a 0600 temporary file beside {@code file}, then moves it into place. */
    public static void writeProperties(Path file, Properties properties) {
        StringWriter text = new StringWriter();
        try {
            properties.store(text, null);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
        writeOwnerOnly(file, text.toString());
    }

    /** Writes {@code text} to a 0600 temporary file beside {@code file}, then moves it into place. */
    public static void writeOwnerOnly(Path file, String text) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            if (POSIX) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(tmp);
            }
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // A full disk leaves an empty or partial temporary file: never leave it (nor a secret) behind.
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original failure is the one to report
            }
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    /** Reads the file as text and, on POSIX, narrows it back to 0600 if someone widened it. */
    public static String readOwnerOnly(Path file) throws IOException {
        narrow(file);
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static void narrow(Path file) throws IOException {
        if (POSIX && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    /** Reads the properties and, on POSIX, narrows the file back to 0600 if someone widened it. */
    public static Properties readProperties(Path file) throws IOException {
        narrow(file);
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }
}
