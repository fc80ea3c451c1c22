package io.stereospot.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of every 4xx answer: one sentence a client can show. */
public record ErrorResponse(@JsonProperty("error") String error) {

    @JsonCreator
    public ErrorResponse {
    }
}
