package io.stereospot.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.stereospot.contract.ErrorResponse;
import io.stereospot.server.json.Json;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The one way an error is answered, whichever layer answers it (a route, the playlist's handler before the framework,
 * or Jetty itself): its status and {@code {"error": "…"}}, never kept by a cache.
 */
final class JsonErrors {

    private static final ObjectMapper JSON = Json.mapper();
    private static final String CONTENT_TYPE = "application/json";
    private static final String NO_STORE = "no-store";

    private JsonErrors() {
    }

    /** From a route of the framework. */
    static void answer(Context ctx, int status, String message) {
        ctx.status(status);
        ctx.header("Cache-Control", NO_STORE);
        ctx.contentType(CONTENT_TYPE);
        ctx.result(body(message));
    }

    /** From a Jetty handler, before or outside the framework. */
    static void answer(Response response, Callback callback, int status, String message) {
        byte[] body = body(message);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, NO_STORE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Whether the framework's answer is one of these already. */
    static boolean isAnswered(Context ctx) {
        return CONTENT_TYPE.equals(ctx.res().getContentType());
    }

    private static byte[] body(String message) {
        try {
            return JSON.writeValueAsBytes(new ErrorResponse(message));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a record of one string always serializes
        }
    }
}
