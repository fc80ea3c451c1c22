package io.stereospot.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Response of {@code POST /stream_sessions/{id}/end} (200), the same however often it is called. */
public record EndSessionResponse(@JsonProperty("status") String status) {

    public static final String ENDED = "ended";

    @JsonCreator
    public EndSessionResponse {
    }

    public static EndSessionResponse ended() {
        return new EndSessionResponse(ENDED);
    }
}
