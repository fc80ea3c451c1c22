package io.stereospot.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.stereospot.contract.SessionIds;
import io.stereospot.server.playlist.SessionStatusService;

/**
 * {@code GET /stream_sessions/{id}}: a session's progress (chunks received, segments ready, conversion lag,
 * segments served flat). Like the playlist, the id is all it takes, so it answers only what a player of the session
 * may know; the record it answers has no field for credentials, keys or paths.
 */
public final class SessionStatusRoutes implements RouteGroup {

    private final SessionStatusService statuses;

    public SessionStatusRoutes(SessionStatusService statuses) {
        this.statuses = statuses;
    }

    @Override
    public void register(RoutesConfig routes) {
        RouteGroup.getAndHead(routes, "/stream_sessions/{id}", this::status);
    }

    void status(Context ctx) {
        String id = ctx.pathParam("id");
        if (!SessionIds.isValid(id)) {
            throw ApiException.invalidSessionId();
        }
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Cache-Control", "no-store");
        ctx.json(statuses.status(id).orElseThrow(() -> ApiException.notFound("Unknown stream session.")));
    }
}
