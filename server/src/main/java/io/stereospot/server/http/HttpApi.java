package io.stereospot.server.http;

import io.stereospot.server.datadir.DiskFull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The HTTP API on Javalin: the given route groups, and one error policy for all of them. Client mistakes are 4xx
 * with {@code {"error": "…"}}; a failing store or STS is 503; anything else is logged (never with a secret: no
 * request or response body is logged) and answered 500 with the same shape.
 */
public final class HttpApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    private final Javalin javalin;
    private final URI baseUrl;
    private final Optional<URI> httpsUrl;

    private HttpApi(Javalin javalin, URI baseUrl, Optional<URI> httpsUrl) {
        this.javalin = javalin;
        this.baseUrl = baseUrl;
        this.httpsUrl = httpsUrl;
    }

    /** The HTTP API only, without an HTTPS port. */
    public static HttpApi start(String host, int port, ObjectMapper json, List<RouteGroup> groups,
            org.eclipse.jetty.server.Handler.Wrapper front) {
        return start(host, port, json, groups, front, Optional.empty());
    }

    /**
     * @param front a Jetty handler that sees every request before Javalin and passes on what it does not answer
     *              (the playlist's fast path)
     * @param https a second port where the same routes answer over TLS (the LAN's watch page), if any
     */
    public static HttpApi start(String host, int port, ObjectMapper json, List<RouteGroup> groups,
            org.eclipse.jetty.server.Handler.Wrapper front, Optional<HttpsPort> https) {
        AtomicReference<ServerConnector> tls = new AtomicReference<>();
        Javalin javalin = Javalin.create(config -> {
            https.ifPresent(h -> {
                // Javalin makes its plain connector only when none is added: the plain one first, so that
                // javalin.port() stays the plain port.
                config.jetty.addConnector((server, plain) -> {
                    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(plain));
                    connector.setHost(host);
                    connector.setPort(port);
                    return connector;
                });
                config.jetty.addConnector((server, plain) -> {
                    tls.set(h.connector(server, plain, host));
                    return tls.get();
                });
            });
            // Javalin nests its own servlet handler inside a wrapper set here.
            config.jetty.modifyServer(server -> server.setHandler(front));
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jsonMapper(new JavalinJackson(json, false));
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = JsonBodies.MAX_BODY_BYTES;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            config.requestLogger.http((ctx, ms) ->
                    LOG.debug("{} {} -> {} in {} ms", ctx.method(), ctx.path(), ctx.statusCode(), Math.round(ms)));
            // Javalin URL-decodes path parameters itself and throws on a stray '%' (";%" survives Jetty): refused
            // here as the client's mistake, before any route reads a parameter.
            config.routes.before(ctx -> requireDecodablePath(ctx.path()));
            groups.forEach(group -> group.register(config.routes));
            config.routes.exception(ApiException.class, (e, ctx) -> {
                if (e.status() == 401 || e.status() == 403 || e.status() == 429) {
                    // One line per refusal: who was turned away from what, never the credential presented.
                    LOG.info("{} {} from {} refused ({}): {}", ctx.method(), ctx.path(), ctx.ip(), e.status(),
                            e.getMessage());
                }
                JsonErrors.answer(ctx, e.status(), e.getMessage());
            });
            config.routes.exception(HttpResponseException.class, (e, ctx) -> JsonErrors.answer(ctx, e.getStatus(),
                    genericMessage(e.getStatus())));
            config.routes.exception(SdkException.class, (e, ctx) -> {
                if (saysDiskFull(e)) {
                    LOG.warn("{} {} failed: the data dir's disk is full", ctx.method(), ctx.path());
                    JsonErrors.answer(ctx, 503, "The stream server's disk is full; try again once space is freed.");
                    return;
                }
                LOG.warn("{} {} failed: the object store or STS did not answer ({})", ctx.method(), ctx.path(),
                        e.getClass().getSimpleName());
                JsonErrors.answer(ctx, 503, "The object store is unavailable; try again shortly.");
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                JsonErrors.answer(ctx, 500, "Internal server error.");
            });
            config.routes.error(404, ctx -> fillIfEmpty(ctx, "No such endpoint."));
            config.routes.error(405, ctx -> fillIfEmpty(ctx, "Method not allowed on this endpoint."));
        });
        javalin.start(host, port);
        URI baseUrl = URI.create("http://" + host + ":" + javalin.port());
        LOG.info("Stream API listening on {}", baseUrl);
        Optional<URI> httpsUrl = Optional.ofNullable(tls.get())
                .map(c -> URI.create("https://" + host + ":" + c.getLocalPort()));
        httpsUrl.ifPresent(url -> LOG.info("The same routes over HTTPS on {}", url));
        return new HttpApi(javalin, baseUrl, httpsUrl);
    }

    /** The embedded store and STS answer a full disk with {@link DiskFull#MESSAGE}. */
    private static boolean saysDiskFull(SdkException e) {
        return e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                && DiskFull.MESSAGE.equals(aws.awsErrorDetails().errorMessage());
    }

    /** A route's own answer stays (the watch page's sentence page is HTML); only an empty one gets the JSON error. */
    private static void fillIfEmpty(Context ctx, String message) {
        if (!JsonErrors.isAnswered(ctx) && ctx.resultInputStream() == null) {
            JsonErrors.answer(ctx, ctx.statusCode(), message);
        }
    }

    private static String genericMessage(int status) {
        switch (status) {
            case 404:
                return "No such endpoint.";
            case 405:
                return "Method not allowed on this endpoint.";
            case 413:
                return "The request body is larger than " + JsonBodies.MAX_BODY_BYTES + " bytes.";
            default:
                return status < 500 ? "Bad request." : "Internal server error.";
        }
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public int port() {
        return javalin.port();
    }

    /** The HTTPS port's base as bound, e.g. {@code https://192.168.1.20:8474}; empty without one. */
    public Optional<URI> httpsUrl() {
        return httpsUrl;
    }

    @Override
    public void close() {
        javalin.stop();
    }

    private static void requireDecodablePath(String path) {
        try {
            URLDecoder.decode(path, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "The request's path has a '%' that is not followed by two hex digits.");
        }
    }
}
