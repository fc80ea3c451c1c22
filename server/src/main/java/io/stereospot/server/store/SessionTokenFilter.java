package io.stereospot.server.store;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Hands each S3 request's session token to the blob-store locator, which S3Proxy calls on the same thread but
 * without the request. S3Proxy accepts {@code x-amz-security-token} and never checks it; we do.
 */
final class SessionTokenFilter implements Filter {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();
    private static final long MAX_DRAIN_BYTES = 64L * 1024 * 1024;

    /** The token of the request this thread is serving, or null when it carried none. */
    static String currentToken() {
        return CURRENT.get();
    }

    /**
     * S3Proxy refuses bad signatures and unknown keys before it reads the body; Jetty then closes the connection
     * and the client, still sending, sees a broken pipe (and retries) instead of the 403. Reading the rest of a
     * refused body (up to a chunk's worth) lets the error document reach the client.
     */
    private static void drainUnread(ServletRequest request) {
        try {
            InputStream in = request.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            long left = MAX_DRAIN_BYTES;
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                left -= n;
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away, or the body was read as a reader: nothing left to save
        }
    }

    // Not getParameter(): on a form-encoded request that would read the body S3Proxy still has to read.
    private static String queryToken(String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals("X-Amz-Security-Token")) {
                try {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException malformed) {
                    return ""; // refused later like a missing token
                }
            }
        }
        return null;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        String token = http.getHeader("x-amz-security-token");
        if (token == null) {
            token = queryToken(http.getQueryString()); // presigned URLs carry it in the query
        }
        CURRENT.set(token);
        try {
            chain.doFilter(request, response);
        } finally {
            CURRENT.remove();
        }
        if (((HttpServletResponse) response).getStatus() >= 400) {
            drainUnread(request);
        }
    }
}
