package io.stereospot.app.gui.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** Checks the server URL a person typed, before anything is sent to it. */
public final class ServerUrls {

    private ServerUrls() {
    }

    /** A sentence saying what is wrong with {@code text}, or empty when it is usable (or empty: local mode). */
    public static Optional<String> problem(String text) {
        String url = text == null ? "" : text.strip();
        if (url.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme != null && (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return Optional.empty();
            }
        } catch (URISyntaxException e) {
            // falls through to the sentence
        }
        return Optional.of("The server URL '" + url + "' is not a web address such as http://192.168.1.20:8470: "
                + "correct it in Settings, or leave it empty to stream from this computer.");
    }
}
