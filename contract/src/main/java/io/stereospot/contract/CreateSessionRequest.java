package io.stereospot.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code POST /stream_sessions}. Every field is optional; a missing mode means {@link #DEFAULT_MODE}. */
public record CreateSessionRequest(@JsonProperty("mode") String mode) {

    /** Flat half side-by-side: the layout PotPlayer's 3D SBS mode expects. The only mode in v1. */
    public static final String DEFAULT_MODE = "sbs";

    @JsonCreator
    public CreateSessionRequest {
    }

    public static CreateSessionRequest sbs() {
        return new CreateSessionRequest(DEFAULT_MODE);
    }

    /** The mode the server should use: the requested one, or the default when none was sent. */
    public String modeOrDefault() {
        return mode == null ? DEFAULT_MODE : mode;
    }
}
