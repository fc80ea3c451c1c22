package io.stereospot.server.session;

import io.stereospot.contract.SessionIds;
import io.stereospot.server.iam.RandomTokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A session's renewal secret: {@code {session id}.{32 random bytes, base64url}}. The id in front lets the server
 * tell "another session's secret" from "a wrong secret"; the random part is what authorises. Only its SHA-256 is
 * stored, and hashes are compared in constant time.
 */
final class RenewalSecrets {

    private static final int RANDOM_BYTES = 32;

    private RenewalSecrets() {
    }

    static String newSecret(String sessionId) {
        return SessionIds.requireValid(sessionId) + "." + RandomTokens.secret(RANDOM_BYTES);
    }

    static String sha256Hex(String secret) {
        return HexFormat.of().formatHex(sha256(secret));
    }

    /** True when {@code presented} hashes to {@code storedSha256Hex}; the comparison takes the same time either way. */
    static boolean matches(String presented, String storedSha256Hex) {
        byte[] stored;
        try {
            stored = HexFormat.of().parseHex(storedSha256Hex);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sha256(presented), stored);
    }

    /** The session a secret names in front, when it names a valid one. */
    static Optional<String> namedSession(String presented) {
        int dot = presented.indexOf('.');
        String id = dot < 0 ? "" : presented.substring(0, dot);
        return SessionIds.isValid(id) ? Optional.of(id) : Optional.empty();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
