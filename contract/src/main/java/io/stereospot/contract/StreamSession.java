package io.stereospot.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Response of {@code POST /stream_sessions} (201): where to upload, with what, and what to show the user. */
public record StreamSession(
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("playlist_url") String playlistUrl,
        @JsonProperty("upload") UploadGrant upload) {

    @JsonCreator
    public StreamSession {
    }
}
