package io.stereospot.contract;

import java.util.OptionalInt;

/**
 * The key rules restated independently of the code under test, character by character: the oracle the contract's
 * and the server's properties compare {@link SessionIds}, {@link ObjectKeys} and the store's upload rule with.
 */
public final class KeyOracle {

    private static final String HEX = "0123456789abcdef";

    private KeyOracle() {
    }

    /** The oracle: 8-4-4-4-12 lower-case hex, version nibble 4, variant nibble 8, 9, a or b. */
    public static boolean isLowerCaseUuidV4(String s) {
        if (s == null || s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash != (c == '-')) {
                return false;
            }
            if (!dash && HEX.indexOf(c) < 0) {
                return false;
            }
        }
        return s.charAt(14) == '4' && "89ab".indexOf(s.charAt(19)) >= 0;
    }

    /** The oracle for file names: stem, exactly five ASCII digits, extension; nothing before or after. */
    public static OptionalInt canonicalIndex(String name, String stem, String extension) {
        if (name.length() != stem.length() + 5 + extension.length() || !name.startsWith(stem)
                || !name.endsWith(extension)) {
            return OptionalInt.empty();
        }
        int index = 0;
        for (int i = stem.length(); i < stem.length() + 5; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalInt.empty();
            }
            index = index * 10 + (c - '0');
        }
        return OptionalInt.of(index);
    }

    /** The oracle for whole keys: root, a canonical session id, a slash, the rest; the id, else null. */
    public static String sessionBelow(String root, String key) {
        if (!key.startsWith(root) || key.length() < root.length() + 37 || key.charAt(root.length() + 36) != '/') {
            return null;
        }
        String id = key.substring(root.length(), root.length() + 36);
        return isLowerCaseUuidV4(id) ? id : null;
    }

    /** The oracle for record keys: {@code stream_sessions/}, a canonical session id, {@code .json}; else null. */
    public static String recordSession(String key) {
        String root = "stream_sessions/";
        if (key.length() != root.length() + 36 + ".json".length() || !key.startsWith(root) || !key.endsWith(".json")) {
            return null;
        }
        String id = key.substring(root.length(), root.length() + 36);
        return isLowerCaseUuidV4(id) ? id : null;
    }

    /** The one shape of key a session may write: its own input prefix and a canonical chunk name, nothing else. */
    public static boolean isOwnChunkKey(String sessionId, String key) {
        String prefix = "stream_input/" + sessionId + "/";
        return isLowerCaseUuidV4(sessionId) && key.startsWith(prefix)
                && canonicalIndex(key.substring(prefix.length()), "chunk_", ".mp4").isPresent();
    }
}
