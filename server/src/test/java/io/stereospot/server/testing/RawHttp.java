package io.stereospot.server.testing;

import io.stereospot.server.playlist.ReloadRule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, bytes exactly as given: what java.net.http refuses to send (NUL, spaces, raw
 * Unicode, backslashes in the request target, odd methods) reaches the server as is. Only the first answer on the
 * connection is parsed, so a request target that smuggles a second request in cannot confuse the reading.
 */
public final class RawHttp {

    /**
     * Longer than the server holds a playlist request for a session with no segment yet (a hostile spelling of the
     * playlist's path may reach it), so a held answer counts as an answer and only a hang fails.
     */
    private static final int TIMEOUT_MS = 20_000 + (int) ReloadRule.FIRST_SEGMENT_WAIT.toMillis();

    private RawHttp() {
    }

    /** The first answer of an HTTP/1.1 server. */
    public record Response(int status, String headers, byte[] body) {

        public String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return "";
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * {@code method target HTTP/1.1}, a Host header, the given extra header lines (each ending CRLF),
     * {@code Content-Length} of the body and {@code Connection: close}. The target goes out as its UTF-8 bytes.
     */
    public static Response send(int port, String method, String target, String extraHeaders, byte[] body)
            throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(method.getBytes(StandardCharsets.UTF_8));
        request.write(' ');
        request.write(target.getBytes(StandardCharsets.UTF_8));
        String head = " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + extraHeaders
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        request.write(head.getBytes(StandardCharsets.ISO_8859_1));
        request.write(body);
        return sendBytes(port, request.toByteArray());
    }

    /** Any bytes; the output side is closed after them so the server never waits for more. */
    public static Response sendBytes(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                socket.shutdownOutput();
            } catch (IOException closedEarly) {
                // the server may answer (400, 413) and stop reading before everything is sent: read its answer
            }
            return parseFirst(readAll(socket.getInputStream()));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                bytes.write(buffer, 0, n);
            }
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError("No complete answer within " + TIMEOUT_MS + " ms; got: "
                    + bytes.toString(StandardCharsets.ISO_8859_1));
        } catch (IOException reset) {
            // a reset after the answer arrived still leaves the answer
        }
        return bytes.toByteArray();
    }

    private static Response parseFirst(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int split = text.indexOf("\r\n\r\n");
        if (split < 0 || !text.startsWith("HTTP/1.1 ")) {
            throw new AssertionError("No HTTP answer: '" + text + "'");
        }
        String headers = text.substring(0, split);
        int status = Integer.parseInt(headers.substring(9, 12));
        int start = split + 4;
        Response partial = new Response(status, headers, new byte[0]);
        String length = partial.header("Content-Length");
        byte[] body;
        if (!length.isEmpty()) {
            int n = Math.min(Integer.parseInt(length), raw.length - start);
            body = java.util.Arrays.copyOfRange(raw, start, start + n);
        } else if (partial.header("Transfer-Encoding").toLowerCase(Locale.ROOT).contains("chunked")) {
            body = dechunk(raw, start);
        } else {
            body = java.util.Arrays.copyOfRange(raw, start, raw.length);
        }
        return new Response(status, headers, body);
    }

    private static byte[] dechunk(byte[] raw, int at) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        while (true) {
            int eol = text.indexOf("\r\n", at);
            int size = Integer.parseInt(text.substring(at, eol).trim(), 16);
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(raw, eol + 2, size);
            at = eol + 2 + size + 2;
        }
    }

    /** Percent-encodes every UTF-8 byte outside RFC 3986's unreserved set, '/' included. */
    public static String percentEncode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
