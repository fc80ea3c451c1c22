package io.stereospot.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a session's upload credentials are renewed: {@code POST url} ({@link #path}) with the header
 * {@code Authorization: Bearer secret}. The answer is {@link RenewedCredentials}. A server without renewal sends
 * none, and a client that never renews keeps the first credentials until they expire. The secret is the session's
 * owner secret: {@code POST /stream_sessions/{id}/end} needs it too, in the same header.
 */
public record RenewalGrant(@JsonProperty("secret") String secret, @JsonProperty("url") String url) {

    /** The scheme of the {@code Authorization} header that carries the secret. */
    public static final String AUTHORIZATION_SCHEME = "Bearer";

    @JsonCreator
    public RenewalGrant {
    }

    /** {@code stream_sessions/{id}/credentials}, relative to the server's base URL. */
    public static String path(String sessionId) {
        return "stream_sessions/" + SessionIds.requireValid(sessionId) + "/credentials";
    }

    /** The secret never reaches a log through this record's string form. */
    @Override
    public String toString() {
        return "RenewalGrant[url=" + url + ", secret=***]";
    }
}
