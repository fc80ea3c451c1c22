package io.stereospot.capture.session;

import io.stereospot.contract.RenewalGrant;
import io.stereospot.contract.SessionStatus;
import io.stereospot.contract.StreamSession;
import io.stereospot.contract.UploadGrant;

/**
 * The stream server's session API (HTTP, {@code /stream_sessions}) as the engine calls it. {@link SessionClient}
 * speaks it over HTTP. (Not the server's own session service, which answers these calls.)
 */
public interface SessionApi {

    /**
     * {@code POST /stream_sessions} with {@code {"mode": mode}}.
     *
     * @throws SessionApiException with a sentence when the server is unreachable or refuses
     */
    StreamSession create(String mode);

    /**
     * {@code POST /stream_sessions/{id}/end} as the session's owner; idempotent on the server.
     *
     * @param owner the grant handed out at creation: its secret is the session's owner secret, sent as
     *              {@code Authorization: Bearer}; null for a session without one (a v1 server's), sent without
     * @throws SessionApiException with a sentence when the server is unreachable or refuses
     */
    void end(String sessionId, RenewalGrant owner);

    /**
     * {@code POST /stream_sessions/{id}/credentials} with the session's renewal secret: new upload credentials for
     * the same session. A service that cannot renew refuses (HTTP 501), so the first credentials stay in use.
     *
     * @throws SessionApiException with a sentence when the server is unreachable or refuses
     */
    default UploadGrant renew(String sessionId, RenewalGrant renewal) {
        throw new SessionApiException("This session service does not renew upload credentials.", 501, null);
    }

    /**
     * {@code GET /stream_sessions/{id}}: how far the server has got with the session's chunks (segments ready,
     * conversion lag, segments served flat). A service that cannot tell refuses, as a server without the endpoint
     * would.
     *
     * @throws SessionApiException with a sentence when the server is unreachable or refuses
     */
    default SessionStatus status(String sessionId) {
        throw new SessionApiException("This session service reports no session status.", 404, null);
    }
}
