package io.stereospot.capture.session;

import io.stereospot.contract.StreamSession;

/** The stream server's session API as the engine uses it. {@link SessionClient} speaks it over HTTP. */
public interface SessionService {

    /**
     * {@code POST /stream_sessions} with {@code {"mode": mode}}.
     *
     * @throws SessionServiceException with a sentence when the server is unreachable or refuses
     */
    StreamSession create(String mode);

    /**
     * {@code POST /stream_sessions/{id}/end}; idempotent on the server.
     *
     * @throws SessionServiceException with a sentence when the server is unreachable or refuses
     */
    void end(String sessionId);
}
