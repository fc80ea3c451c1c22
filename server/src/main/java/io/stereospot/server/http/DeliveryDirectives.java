package io.stereospot.server.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * A playlist request's delivery directives (RFC 8216bis 6.2.5), read from its query string. Only {@code _HLS_msn}
 * changes the answer: the request is held until that segment is listed ({@code playlist.ReloadRule}). We make no
 * parts, so a valid {@code _HLS_part} asks nothing more than its segment; we make no delta updates, so
 * {@code _HLS_skip} is ignored. Malformed values are the player's mistake: 400, never a 500.
 */
final class DeliveryDirectives {

    static final String MSN = "_HLS_msn";
    static final String PART = "_HLS_part";

    private DeliveryDirectives() {
    }

    /**
     * @param query the raw query string, or null
     * @return the {@code _HLS_msn}, if the request has one
     * @throws ApiException 400 for a value that is not a whole number from 0, or {@code _HLS_part} without
     *                      {@code _HLS_msn} (which the RFC forbids)
     */
    static OptionalInt mediaSequence(String query) {
        String msn = null;
        String part = null;
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (MSN.equals(name) && msn == null) {
                    msn = value;
                } else if (PART.equals(name) && part == null) {
                    part = value;
                }
            }
        }
        if (part != null) {
            if (msn == null) {
                throw ApiException.badRequest(PART + " needs " + MSN + " beside it.");
            }
            wholeNumber(PART, part);
        }
        return msn == null ? OptionalInt.empty() : OptionalInt.of(wholeNumber(MSN, msn));
    }

    private static int wholeNumber(String name, String value) {
        // Digits only (no sign, no spaces), and small enough for an int: a segment index has at most 5 digits.
        if (value.isEmpty() || value.length() > 9 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ApiException.badRequest(name + " must be a whole number from 0; got \"" + shorten(value) + "\".");
        }
        return Integer.parseInt(value);
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw; // a broken %-escape: left as it is, so the value is refused as not a number
        }
    }

    private static String shorten(String value) {
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 20 ? printable.substring(0, 20) + "…" : printable;
    }
}
