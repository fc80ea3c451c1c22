package io.stereospot.capture.session;

import io.stereospot.contract.SessionIds;
import io.stereospot.contract.StreamSession;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The address of a session's watch page, {@code GET /watch/{session_id}} (issue 25), the one place it is derived. It
 * is on the watch origin the server names in the session ({@code watch_origin}: its HTTPS port on the LAN, since a
 * headset allows WebXR only in a secure context), else on the origin of the session's playlist URL (scheme, host,
 * port), so it reaches whoever can reach the playlist: with the window's LAN switch on, the server's network address.
 */
public record WatchUrl(URI uri) {

    public static final String PATH = "/watch/";

    public WatchUrl {
        Objects.requireNonNull(uri, "uri");
    }

    /**
     * The watch page of {@code session}, on its watch origin when the server names a usable one; empty when neither
     * that nor its playlist URL has an http(s) origin or its id is not a session id (then there is no page to point
     * at, and the playlist URL is all there is to show).
     */
    public static Optional<WatchUrl> forSession(StreamSession session) {
        if (session.watchOrigin() != null) {
            try {
                return Optional.of(of(session.watchOrigin(), session.sessionId()));
            } catch (IllegalArgumentException e) {
                // a watch origin we cannot use: the playlist's origin still serves the page
            }
        }
        try {
            return Optional.of(of(session.playlistUrl(), session.sessionId()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The watch page on the origin of {@code playlistUrl} (or of a watch origin); a path before {@code /stream/…} is
     * not kept, because the page is served at the root of the playlist's origin.
     *
     * @throws IllegalArgumentException when the URL has no http(s) origin or the id is not a session id
     */
    public static WatchUrl of(String playlistUrl, String sessionId) {
        SessionIds.requireValid(sessionId);
        URI playlist;
        try {
            playlist = new URI(playlistUrl == null ? "" : playlistUrl);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The playlist URL is not a web address", e);
        }
        String scheme = playlist.getScheme();
        if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || playlist.getHost() == null) {
            throw new IllegalArgumentException("The playlist URL has no http or https origin");
        }
        try {
            // getHost keeps an IPv6 literal's brackets and this constructor does not add a second pair; the
            // playlist's user info, query and fragment are not part of the origin.
            return new WatchUrl(new URI(scheme.toLowerCase(Locale.ROOT), null, playlist.getHost(),
                    playlist.getPort(), PATH + sessionId, null, null));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The playlist URL's origin cannot carry the watch page", e);
        }
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
