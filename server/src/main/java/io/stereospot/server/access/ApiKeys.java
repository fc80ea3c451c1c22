package io.stereospot.server.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The API keys a server open to others accepts on {@code POST /stream_sessions} ({@code --api-keys FILE}). Only
 * their SHA-256 is kept, and a presented key is compared with each in constant time. A key is named in logs and
 * limits by {@link #idOf} (the first 8 hex digits of its hash), never by itself.
 */
public final class ApiKeys {

    private final List<byte[]> sha256s;

    private ApiKeys(List<byte[]> sha256s) {
        this.sha256s = List.copyOf(sha256s);
    }

    public static ApiKeys of(List<String> keys) {
        return new ApiKeys(keys.stream().map(ApiKeys::sha256).toList());
    }

    /**
     * One key a line; blank lines and lines starting with {@code #} are skipped, and each line is stripped.
     *
     * @throws IllegalArgumentException with a sentence, when the file cannot be read or holds no key
     */
    public static ApiKeys read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("The API key file " + file + " cannot be read ("
                    + e.getClass().getSimpleName() + ").", new UncheckedIOException(e));
        }
        List<String> keys = lines.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("The API key file " + file + " holds no key (one a line;"
                    + " lines starting with # are comments).");
        }
        return of(keys);
    }

    public int size() {
        return sha256s.size();
    }

    /** The key's id when it is one of these keys; every key is compared, whichever matches. */
    public Optional<String> match(String presented) {
        byte[] hash = sha256(presented);
        boolean found = false;
        for (byte[] known : sha256s) {
            found |= MessageDigest.isEqual(hash, known);
        }
        return found ? Optional.of(idOf(presented)) : Optional.empty();
    }

    /** What names a key in logs and limits: not the key, and not enough of its hash to test guesses against. */
    public static String idOf(String key) {
        return "key-" + HexFormat.of().formatHex(sha256(key)).substring(0, 8);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
