package io.stereospot.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.stereospot.contract.ObjectKeys;
import io.stereospot.contract.SessionIds;
import io.stereospot.server.playback.Playback;
import io.stereospot.server.segment.TransportSegments;
import io.stereospot.server.store.StoredObject;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code GET} (and {@code HEAD}) {@code /stream/{id}/seg_{i:05d}.ts}: segments from the same server as the
 * playlist, so a player on another device needs only the playlist URL. The playlist itself,
 * {@code GET /stream/{id}/playlist.m3u8}, is answered before the framework by {@link PlaylistFastPath}, the one place
 * it is served. Segments answer a single byte range ({@link ByteRange}), as players need for a playlist of
 * {@code EXT-X-BYTERANGE} parts; read from the store as a ranged GET, so the bytes before it are never fetched.
 */
public final class PlaybackRoutes implements RouteGroup {

    public static final String SEGMENT_PATH = "/stream/{id}/{segment}";

    /** A segment never changes once made. */
    private static final String SEGMENT_CACHE = "public, max-age=86400, immutable";
    /** How long a browser may reuse a preflight answer; Chromium caps it at two hours. */
    private static final String PREFLIGHT_MAX_AGE_SECONDS = "7200";
    /** What a page's script may read of a segment answer besides the basic headers (hls.js reads the range). */
    private static final String EXPOSED_HEADERS = "Content-Range, Content-Length, Accept-Ranges";

    private final TransportSegments segments;

    public PlaybackRoutes(TransportSegments segments) {
        this.segments = segments;
    }

    /** The routes of a running playback: its segments. */
    public static PlaybackRoutes of(Playback playback) {
        return new PlaybackRoutes(playback.segments());
    }

    @Override
    public void register(RoutesConfig routes) {
        RouteGroup.getAndHead(routes, SEGMENT_PATH, this::segment);
        // The segment path's pattern matches the playlist's too: one preflight answer for both.
        routes.options(SEGMENT_PATH, this::preflight);
    }

    void segment(Context ctx) throws Exception {
        String id = ctx.pathParam("id");
        allowAnyOrigin(ctx);
        ctx.header("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        if (!SessionIds.isValid(id)) {
            JsonErrors.answer(ctx, 400, ApiException.INVALID_SESSION_ID);
            return;
        }
        OptionalInt index = ObjectKeys.transportStreamIndex(ctx.pathParam("segment"));
        if (index.isEmpty()) {
            JsonErrors.answer(ctx, 404,
                    "No such file in this stream; segments are named seg_00000.ts, seg_00001.ts, ….");
            return;
        }
        Optional<StoredObject> stored = segments.stored(id, index.getAsInt());
        if (stored.isEmpty()) {
            JsonErrors.answer(ctx, 404, "This segment does not exist (yet).");
            return;
        }
        long totalBytes = stored.get().sizeBytes();
        ctx.header("Accept-Ranges", "bytes");
        ByteRange range = ByteRange.of(ctx.header("Range"), totalBytes);
        // No validators (ETag, Last-Modified) are sent and a segment never changes, so If-Range is not evaluated.
        if (range instanceof ByteRange.Unsatisfiable) {
            ctx.header("Content-Range", "bytes */" + totalBytes);
            JsonErrors.answer(ctx, 416, "The requested range is outside this segment of " + totalBytes + " bytes.");
            return;
        }
        ByteRange.Slice slice = range instanceof ByteRange.Slice s ? s : null;
        Optional<InputStream> body = ctx.method() == HandlerType.HEAD ? Optional.of(InputStream.nullInputStream())
                : slice == null ? stored.get().open() : stored.get().open(slice.firstByte(), slice.lastByte());
        if (body.isEmpty()) {
            // deleted since: the session was swept
            JsonErrors.answer(ctx, 404, "This segment does not exist any more.");
            return;
        }
        if (slice == null) {
            ctx.header("Content-Length", Long.toString(totalBytes));
        } else {
            ctx.status(206);
            ctx.header("Content-Range", "bytes " + slice.firstByte() + "-" + slice.lastByte() + "/" + totalBytes);
            ctx.header("Content-Length", Long.toString(slice.lengthBytes()));
        }
        ctx.header("Cache-Control", SEGMENT_CACHE);
        ctx.contentType("video/mp2t");
        ctx.result(body.get());
    }

    /**
     * A browser's preflight: hls.js fetches segments with a {@code Range} header, which a page on another origin may
     * send only once the server allows it here.
     */
    void preflight(Context ctx) {
        allowAnyOrigin(ctx);
        ctx.header("Access-Control-Allow-Methods", "GET, OPTIONS");
        ctx.header("Access-Control-Allow-Headers", "Range");
        ctx.header("Access-Control-Max-Age", PREFLIGHT_MAX_AGE_SECONDS);
        ctx.status(204);
    }

    /** Browser players (hls.js) load the playlist from another origin than the page. */
    private static void allowAnyOrigin(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*");
    }
}
