package io.stereospot.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.contract.ErrorResponse;
import io.stereospot.contract.SessionIds;
import io.stereospot.server.playlist.PlaylistRenderer;
import io.stereospot.server.playlist.PlaylistService;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
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
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "/stream/";
    private static final String SUFFIX = "/playlist.m3u8";
    /** Players re-read a live playlist about every target duration; a second of staleness is harmless. */
    static final String CACHE_CONTROL = "max-age=1";

    private final PlaylistService playlists;

    public PlaylistFastPath(PlaylistService playlists) {
        this.playlists = playlists;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (!"GET".equals(request.getMethod()) || !path.startsWith(PREFIX) || !path.endsWith(SUFFIX)
                || path.length() <= PREFIX.length() + SUFFIX.length()) {
            return super.handle(request, response, callback);
        }
        String id = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        if (!SessionIds.isValid(id)) {
            error(response, callback, 400, "The session id in the URL is not valid.");
            return true;
        }
        Optional<byte[]> body;
        try {
            body = playlists.playlistBytes(id);
        } catch (SdkException e) {
            LOG.warn("GET {} failed: the object store did not answer ({})", path, e.getClass().getSimpleName());
            error(response, callback, 503, "The object store is unavailable; try again shortly.");
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error(response, callback, 503, "The server is shutting down.");
            return true;
        } catch (Exception e) {
            LOG.error("GET {} failed", path, e);
            error(response, callback, 500, "Internal server error.");
            return true;
        }
        if (body.isEmpty()) {
            error(response, callback, 404, "There is no stream session with this id.");
            return true;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, PlaylistRenderer.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, CACHE_CONTROL);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.get().length);
        response.write(true, ByteBuffer.wrap(body.get()), callback);
        return true;
    }

    private static void error(Response response, Callback callback, int status, String message) throws Exception {
        byte[] body = JSON.writeValueAsString(new ErrorResponse(message)).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
