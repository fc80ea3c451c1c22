package io.stereospot.server.iam;

import java.security.SecureRandom;
import java.util.Base64;

/** Random access key ids, secrets and session tokens. */
public final class RandomTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private RandomTokens() {
    }

    /** An AWS-shaped access key id: the prefix, then upper-case letters and digits up to 20 characters. */
    public static String accessKeyId(String prefix) {
        StringBuilder id = new StringBuilder(prefix);
        while (id.length() < 20) {
            id.append(KEY_ALPHABET[RANDOM.nextInt(KEY_ALPHABET.length)]);
        }
        return id.toString();
    }

    /** {@code bytes} random bytes, URL-safe base64 without padding (so it needs no escaping anywhere). */
    public static String secret(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
