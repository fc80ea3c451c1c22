package io.stereospot.capture.testing;

import io.stereospot.capture.session.SessionApi;
import io.stereospot.contract.StreamSession;

/**
 * A real session service as a server from before renewal looked: its sessions carry no renewal, so the broadcast
 * runs on its first credentials and stops shortly before they expire.
 */
public final class WithoutRenewal implements SessionApi {

    private final SessionApi server;

    public WithoutRenewal(SessionApi server) {
        this.server = server;
    }

    @Override
    public StreamSession create(String mode) {
        StreamSession session = server.create(mode);
        return new StreamSession(session.sessionId(), session.playlistUrl(), session.upload());
    }

    @Override
    public void end(String sessionId) {
        server.end(sessionId);
    }
}
