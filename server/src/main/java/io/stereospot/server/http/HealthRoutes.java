package io.stereospot.server.http;

import io.javalin.config.RoutesConfig;
import java.util.Map;

/** {@code GET /healthz}: the process answers. Deliberately touches nothing else (load balancers poll it). */
public final class HealthRoutes implements RouteGroup {

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
    }
}
