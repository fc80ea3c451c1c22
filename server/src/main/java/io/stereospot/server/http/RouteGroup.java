package io.stereospot.server.http;

import io.javalin.config.RoutesConfig;

/** A set of routes the API serves; the composition root hands the API one per concern. */
@FunctionalInterface
public interface RouteGroup {

    void register(RoutesConfig routes);
}
