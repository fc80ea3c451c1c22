package io.stereospot.server.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers before Javalin sees the request (ambiguous or malformed URIs, oversized headers): the same
 * {@code {"error": "…"}} shape as every other error, never an HTML page or a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) throws IOException {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    private static byte[] body(int code) {
        String reason = HttpStatus.getMessage(code);
        return ("{\"error\":\"" + (reason == null ? "Error" : reason.replace("\"", "'")) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
