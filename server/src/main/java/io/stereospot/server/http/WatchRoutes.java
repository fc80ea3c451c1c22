package io.stereospot.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.stereospot.contract.SessionIds;
import io.stereospot.server.playlist.SessionStatusService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * {@code GET /watch/{id}}: a page that plays the session's playlist in any browser, in VR (WebXR), 3D TV (SBS),
 * red-cyan or 2D, from the playlist's own origin. Its script and hls.js (from the WebJar, never a CDN) are served
 * under {@code /watch/assets/}, so the page works on a LAN without internet. A browser that asks for a page of an id
 * that is not valid, or of no session, gets a page that says so; other clients get the usual JSON error.
 */
public final class WatchRoutes implements RouteGroup {

    public static final String PAGE_PATH = "/watch/{id}";
    public static final String ASSET_PATH = "/watch/assets/{file}";

    /** Same origin only; hls.js feeds the video through a blob: URL and may run its demuxer in a blob: worker. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; media-src 'self' blob:; worker-src 'self' blob:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final String UNKNOWN_SESSION = "There is no stream session with this id: it may have ended and been"
            + " removed, or the address was mistyped.";
    /** The hls.js file name carries its version, so a browser may keep it for a year. */
    private static final String VERSIONED_CACHE = "public, max-age=31536000, immutable";
    /** Our own page and script change with the server: a browser asks again each time (cheap: they are small). */
    private static final String REVALIDATE = "no-cache";
    private static final String RESOURCES = "/io/stereospot/server/watch/";
    private static final String HLSJS_VERSION = webjarVersion("hls.js");
    static final String HLSJS_FILE = "hls-" + HLSJS_VERSION + ".min.js";

    private final SessionStatusService statuses;
    private final Map<String, Asset> assets;
    private final String page;
    private final String errorPage;

    public WatchRoutes(SessionStatusService statuses) {
        this.statuses = statuses;
        this.assets = Map.of(
                "watch.js", new Asset(resource(RESOURCES + "watch.js"), "text/javascript", REVALIDATE),
                "watch-xr.js", new Asset(resource(RESOURCES + "watch-xr.js"), "text/javascript", REVALIDATE),
                "watch.css", new Asset(resource(RESOURCES + "watch.css"), "text/css", REVALIDATE),
                HLSJS_FILE, new Asset(resource("/META-INF/resources/webjars/hls.js/" + HLSJS_VERSION
                        + "/dist/hls.min.js"), "text/javascript", VERSIONED_CACHE));
        this.page = new String(resource(RESOURCES + "watch.html"), StandardCharsets.UTF_8)
                .replace("{{hlsjs}}", HLSJS_FILE);
        this.errorPage = new String(resource(RESOURCES + "watch-error.html"), StandardCharsets.UTF_8);
    }

    @Override
    public void register(RoutesConfig routes) {
        RouteGroup.getAndHead(routes, ASSET_PATH, this::asset);
        RouteGroup.getAndHead(routes, PAGE_PATH, this::page);
    }

    void page(Context ctx) {
        String id = ctx.pathParam("id");
        if (!SessionIds.isValid(id)) {
            refuse(ctx, 400, ApiException.INVALID_SESSION_ID);
            return;
        }
        if (statuses.status(id).isEmpty()) {
            refuse(ctx, 404, UNKNOWN_SESSION);
            return;
        }
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("Cache-Control", REVALIDATE);
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(page);
    }

    void asset(Context ctx) {
        Asset asset = assets.get(ctx.pathParam("file"));
        if (asset == null) {
            JsonErrors.answer(ctx, 404, "No such file of the watch page.");
            return;
        }
        ctx.header("Cache-Control", asset.cacheControl());
        ctx.contentType(asset.contentType() + "; charset=utf-8");
        ctx.result(asset.bytes());
    }

    /** A person's browser reads a sentence on a page; a program reads the JSON error. */
    private void refuse(Context ctx, int status, String sentence) {
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/html")) {
            JsonErrors.answer(ctx, status, sentence);
            return;
        }
        ctx.status(status);
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(errorPage.replace("{{message}}", sentence));
    }

    private static byte[] resource(String path) {
        try (InputStream in = WatchRoutes.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("The watch page's resource " + path + " is missing from the build.");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version of an npm WebJar on the class path, from the pom.properties Maven puts in it. */
    private static String webjarVersion(String artifactId) {
        Properties properties = new Properties();
        try (InputStream in = new java.io.ByteArrayInputStream(
                resource("/META-INF/maven/org.webjars.npm/" + artifactId + "/pom.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    private record Asset(byte[] bytes, String contentType, String cacheControl) {
    }
}
