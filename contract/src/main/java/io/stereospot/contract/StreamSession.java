package io.stereospot.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Response of {@code POST /stream_sessions} (201): where to upload, with what, and what to show the user.
 *
 * @param renewal     how to renew the upload credentials before they expire; null from a server that does not renew
 * @param watchOrigin where the server serves the watch page when not on the playlist's origin, e.g.
 *                    {@code https://192.168.1.20:8474} (its HTTPS port, which WebXR needs on the LAN); null = the
 *                    playlist's origin
 */
public record StreamSession(
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("playlist_url") String playlistUrl,
        @JsonProperty("upload") UploadGrant upload,
        @JsonProperty("renewal") RenewalGrant renewal,
        @JsonProperty("watch_origin") @JsonInclude(JsonInclude.Include.NON_NULL) String watchOrigin) {

    @JsonCreator
    public StreamSession {
    }

    /** A session whose watch page is on the playlist's origin. */
    public StreamSession(String sessionId, String playlistUrl, UploadGrant upload, RenewalGrant renewal) {
        this(sessionId, playlistUrl, upload, renewal, null);
    }

    /** A session whose credentials cannot be renewed (as from a server before renewal existed). */
    public StreamSession(String sessionId, String playlistUrl, UploadGrant upload) {
        this(sessionId, playlistUrl, upload, null);
    }

    /** The same session with other upload credentials (renewed ones). */
    public StreamSession withUpload(UploadGrant renewed) {
        return new StreamSession(sessionId, playlistUrl, renewed, renewal, watchOrigin);
    }
}
