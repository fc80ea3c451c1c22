package io.stereospot.server.http;

import io.stereospot.contract.SessionIds;
import io.stereospot.server.playlist.PlaylistRenderer;
import io.stereospot.server.playlist.PlaylistService;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code GET /stream/{id}/playlist.m3u8} answered by a plain Jetty handler in front of the web framework.
 *
 * <p>Why not a framework route like the others: every player re-reads its playlist every few seconds, so this is
 * the server's hottest request by far, and most answers come straight from memory. Measured on this machine with
 * wrk (64 connections), the framework's servlet layer alone capped the rate at about a third of a bare Jetty
 * handler's. Everything else passes through to the framework untouched.
 */
public final class PlaylistFastPath extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(PlaylistFastPath.class);
    private static final String PREFIX = "/stream/";
    private static final String SUFFIX = "/playlist.m3u8";
    /** Players re-read a live playlist about every target duration; a second of staleness is harmless. */
    static final String CACHE_CONTROL = "max-age=1";
    /** The standard header that says how long an answer was held on purpose: {@code hold;dur=<ms>}. */
    public static final String SERVER_TIMING = "Server-Timing";
    public static final String HOLD_METRIC = "hold";

    private final PlaylistService playlists;

    public PlaylistFastPath(PlaylistService playlists) {
        this.playlists = playlists;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        // HEAD is answered as GET; Jetty leaves out the body.
        boolean getOrHead = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        if (!getOrHead || !path.startsWith(PREFIX) || !path.endsWith(SUFFIX)
                || path.length() <= PREFIX.length() + SUFFIX.length()) {
            return super.handle(request, response, callback);
        }
        String id = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        if (!SessionIds.isValid(id)) {
            JsonErrors.answer(response, callback, 400, ApiException.INVALID_SESSION_ID);
            return true;
        }
        OptionalInt mediaSequence;
        try {
            mediaSequence = DeliveryDirectives.mediaSequence(request.getHttpURI().getQuery());
        } catch (ApiException e) {
            JsonErrors.answer(response, callback, e.status(), e.getMessage());
            return true;
        }
        // Held until the playlist lists what the player waits for (ReloadRule), without holding this thread.
        long arrivedNanos = System.nanoTime();
        CompletableFuture<Optional<byte[]>> playlist = playlists.playlistBytesFor(id, mediaSequence);
        boolean held = !playlist.isDone();
        playlist.whenComplete((body, failure) -> {
            try {
                if (held) {
                    // Said so that a client measuring the server (the load harness) can tell a hold from slowness.
                    response.getHeaders().put(SERVER_TIMING, String.format(Locale.ROOT, "%s;dur=%d", HOLD_METRIC,
                            (System.nanoTime() - arrivedNanos) / 1_000_000));
                }
                answer(path, body, failure, response, callback);
            } catch (Throwable t) {
                callback.failed(t);
            }
        });
        return true;
    }

    private static void answer(String path, Optional<byte[]> body, Throwable failure, Response response,
            Callback callback) throws Exception {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        if (cause instanceof SdkException) {
            LOG.warn("GET {} failed: the object store did not answer ({})", path, cause.getClass().getSimpleName());
            JsonErrors.answer(response, callback, 503, "The object store is unavailable; try again shortly.");
            return;
        }
        if (cause instanceof PlaylistService.TooFarAhead) {
            JsonErrors.answer(response, callback, 400, cause.getMessage());
            return;
        }
        if (cause instanceof InterruptedException) {
            JsonErrors.answer(response, callback, 503, "The server is shutting down.");
            return;
        }
        if (cause != null) {
            LOG.error("GET {} failed", path, cause);
            JsonErrors.answer(response, callback, 500, "Internal server error.");
            return;
        }
        if (body.isEmpty()) {
            JsonErrors.answer(response, callback, 404, "There is no stream session with this id.");
            return;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, PlaylistRenderer.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, CACHE_CONTROL);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.get().length);
        response.write(true, ByteBuffer.wrap(body.get()), callback);
    }
}
