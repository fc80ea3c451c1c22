package io.stereospot.capture.testing;

import io.stereospot.capture.session.SessionApi;
import io.stereospot.contract.RenewalGrant;
import io.stereospot.contract.StreamSession;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real session service as a server from before renewal looked: its sessions carry no renewal, so the broadcast
 * runs on its first credentials and stops shortly before they expire.
 */
public final class WithoutRenewal implements SessionApi {

    private final SessionApi server;
    /** The owner secrets this service hid from the broadcast: ending still needs them. */
    private final Map<String, RenewalGrant> owners = new ConcurrentHashMap<>();

    public WithoutRenewal(SessionApi server) {
        this.server = server;
    }

    @Override
    public StreamSession create(String mode) {
        StreamSession session = server.create(mode);
        owners.put(session.sessionId(), session.renewal());
        return new StreamSession(session.sessionId(), session.playlistUrl(), session.upload());
    }

    @Override
    public void end(String sessionId, RenewalGrant owner) {
        server.end(sessionId, owners.get(sessionId));
    }
}
