package io.stereospot.server.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a chunk becomes when the converter still cannot convert it after its retries: it is served flat, so the
 * playlist goes on and viewers keep watching. First the plain {@code sbs} layout (still fills both eyes of an SBS
 * display), and if that fails too the chunk itself, unchanged. Never the converter that has just failed again.
 */
final class FlatFallback {

    /** Anything that reads like a file path: the scratch folders a converter's stderr names mean nothing outside. */
    private static final Pattern PATH = Pattern.compile("(?<![\\w.])(?:/|[A-Za-z]:\\\\)[^\\s'\"]+");
    private static final int MAX_ERROR_CHARS = 300;

    private FlatFallback() {
    }

    /** The converters to try, in order, after {@code primary} gave up. */
    static List<Converter> after(Converter primary) {
        List<Converter> chain = new ArrayList<>();
        if (!"sbs".equals(primary.name())) {
            chain.add(new SbsConverter(0, 0));
        }
        if (!"copy".equals(primary.name())) {
            chain.add(new CopyConverter());
        }
        return chain;
    }

    /**
     * The converter's explanation as a player of the session may see it: one line, no file paths, short. The
     * server's log keeps the whole text.
     */
    static String forPlayers(String converterMessage) {
        if (converterMessage == null || converterMessage.isBlank()) {
            return "The converter gave no reason.";
        }
        String text = PATH.matcher(converterMessage.replaceAll("\\s+", " ").strip()).replaceAll("…");
        if (text.length() <= MAX_ERROR_CHARS) {
            return text;
        }
        // The start says which converter failed how; a program's last lines say why.
        int head = MAX_ERROR_CHARS / 3;
        return text.substring(0, head) + " … " + text.substring(text.length() - (MAX_ERROR_CHARS - head - 3));
    }
}
