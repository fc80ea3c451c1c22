package io.stereospot.server.http;

import io.javalin.config.RoutesConfig;
import io.stereospot.server.access.AccessSettings;
import io.stereospot.server.session.SessionService;

/**
 * The session API: create a session (its upload grant, renewal and playlist URL), renew its credentials, and end
 * it; README lists the answers.
 */
public final class SessionRoutes implements RouteGroup {

    private final SessionController controller;

    public SessionRoutes(SessionService sessions, JsonBodies bodies, AccessSettings access) {
        this.controller = new SessionController(sessions, bodies, access);
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/stream_sessions", controller::create);
        routes.post("/stream_sessions/{id}/credentials", controller::renew);
        routes.post("/stream_sessions/{id}/end", controller::end);
    }
}
