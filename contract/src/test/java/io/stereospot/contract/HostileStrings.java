package io.stereospot.contract;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.arbitraries.StringArbitrary;

/**
 * Generators of what an attacker puts where an id, a key or a path segment goes: traversal in its plain,
 * percent-encoded, double-encoded and overlong-UTF-8 forms, separators, NUL and control characters, Unicode
 * look-alikes of dots and slashes, combining and bidirectional marks, overlong runs, and near misses of a valid
 * value. Shared (through the test jar) by the contract's pure properties and the server's end-to-end ones.
 */
public final class HostileStrings {

    /** Pieces that mean something to a path, a URL, a file system or a human reading a log. */
    public static final List<String> FRAGMENTS = List.of(
            "..", ".", "/", "\\", "//", "./", "../", "..\\", "...",
            "%2e%2e", "%2E%2E", "%2e", "%2F", "%2f", "%5C", "%5c", "%00", "%0a", "%0d%0a", "%20", "%25",
            "%252e%252e", "%252F", "..%2f", "%2e%2e%2f", "%c0%ae%c0%ae", "%c0%af", "%e2%80%a4", "%ef%bc%8e",
            "\u0000", "\r", "\n", "\r\n", "\t", "\u000b", "\u001b", "\u007f", "\u0085", " ",
            "\uFF0E", "\uFF0E\uFF0E", "\u2024", "\u2024\u2024", "\u2025", "\u2215", "\uFF0F", "\u2044", "\uFF3C",
            "\u29F5", "\u0301", "\u0338", "\u202E", "\u200F", "\u200E", "\u200B", "\uFEFF", "\u00A0", "\u0131",
            "\uD800", "\uDFFF", "\uD83D\uDE00", "\u0661", "\uFF10",
            "?", "#", ";", "&", "=", "*", ":", "~", "'", "\"", "<", ">", "|", "{", "}", "$",
            "chunk_00000.mp4", "chunk_00001.mp4", "seg_00000.ts", "seg_00000.mp4", "playlist.m3u8", "end",
            "stream_input", "stream_output", "stream_sessions", "store", "stereospot", "root-credentials.properties",
            "sts-credentials", "etc", "passwd", "", "0", "a", "f", "-", "4");

    private HostileStrings() {
    }

    public static Arbitrary<String> fragment() {
        return Arbitraries.of(FRAGMENTS);
    }

    /** Any mix of fragments, any Unicode, and long runs: the space where a validator's mistakes live. */
    public static Arbitrary<String> anything() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, fragment().list().ofMinSize(1).ofMaxSize(8).map(l -> String.join("", l))),
                Tuple.of(2, Arbitraries.strings().all().ofMaxLength(48)),
                Tuple.of(1, Arbitraries.strings().ascii().ofMaxLength(48)),
                Tuple.of(1, overlong()));
    }

    /** A fragment repeated until the string is long (up to 6000 characters), with noise either side. */
    public static Arbitrary<String> overlong() {
        return Combinators.combine(fragment().filter(f -> !f.isEmpty()), Arbitraries.integers().between(40, 6000),
                        Arbitraries.strings().ascii().ofMaxLength(4))
                .as((f, length, noise) -> noise + f.repeat(Math.max(1, length / f.length())) + noise);
    }

    /** {@code valid} with one fragment or character inserted, one replaced, or its case or ends changed. */
    public static Arbitrary<String> nearMisses(String valid) {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, valid.length());
        Arbitrary<String> insert = Combinators.combine(at, piece())
                .as((i, p) -> valid.substring(0, i) + p + valid.substring(i));
        Arbitrary<String> replace = Combinators.combine(at.filter(i -> i < valid.length()), piece())
                .as((i, p) -> valid.substring(0, i) + p + valid.substring(i + 1));
        Arbitrary<String> truncate = at.map(i -> valid.substring(0, i));
        Arbitrary<String> wrapped = Combinators.combine(piece(), piece()).as((a, b) -> a + valid + b);
        return Arbitraries.oneOf(insert, replace, truncate, wrapped,
                Arbitraries.of(valid.toUpperCase(java.util.Locale.ROOT), valid + valid));
    }

    /** One fragment, or one character of any kind. */
    private static Arbitrary<String> piece() {
        return Arbitraries.oneOf(fragment(), Arbitraries.chars().all().map(String::valueOf),
                Arbitraries.chars().ascii().map(String::valueOf));
    }

    /** Random lower-case UUID v4 strings, all valid. */
    public static Arbitrary<String> uuidV4s() {
        StringArbitrary hex = Arbitraries.strings().withChars("0123456789abcdef");
        return Combinators.combine(hex.ofLength(8), hex.ofLength(4), hex.ofLength(3),
                        Arbitraries.of('8', '9', 'a', 'b'), hex.ofLength(3), hex.ofLength(12))
                .as((a, b, c, variant, d, e) -> a + "-" + b + "-4" + c + "-" + variant + d + "-" + e);
    }

    /** Control and non-ASCII characters shown as escapes, so a shrunk counter-example is readable in a report. */
    public static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(200).forEach(cp -> {
            if (cp >= 0x20 && cp < 0x7f) {
                out.appendCodePoint(cp);
            } else {
                out.append(String.format("\\u{%x}", cp));
            }
        });
        return s.length() > 200 ? out + "…(" + s.length() + " chars)" : out.toString();
    }
}
