package io.stereospot.server.http;

import java.io.IOException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers before Javalin sees the request (ambiguous or malformed URIs, oversized headers): the same
 * {@code {"error": "…"}} shape as every other error, never an HTML page or a stack trace.
 *
 * <p>A request line broken by a raw CR or LF in its target ({@code GET /a<LF>b HTTP/1.1}) reads to Jetty as an
 * HTTP/0.9 request, which it answers 505. That is the client's malformed request, not a failure of the server, so it
 * is answered 400 like any other unreadable request (found by HostileRequestProperties).
 */
final class JsonErrorHandler extends ErrorHandler {

    /**
     * Jetty writes an error body only for GET, POST and HEAD; a PUT or DELETE with a malformed URI got a bare
     * 400 with no body (found by HostileRequestProperties). Every method gets the JSON error.
     */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) throws IOException {
        if (code == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505) {
            code = HttpStatus.BAD_REQUEST_400;
            response.setStatus(code);
        }
        String reason = HttpStatus.getMessage(code);
        JsonErrors.answer(response, callback, code, reason == null ? "Error" : reason);
    }
}
