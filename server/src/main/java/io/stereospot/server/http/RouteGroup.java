package io.stereospot.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;

/** A set of routes the API serves; the composition root hands the API one per concern. */
@FunctionalInterface
public interface RouteGroup {

    void register(RoutesConfig routes);

    /**
     * A GET route whose HEAD runs the same handler (Jetty drops the body). Without a HEAD route Javalin answers a
     * HEAD on a GET path itself, a bare 200 without running anything, even where GET would say 404.
     */
    static void getAndHead(RoutesConfig routes, String path, Handler handler) {
        routes.get(path, handler);
        routes.head(path, handler);
    }
}
