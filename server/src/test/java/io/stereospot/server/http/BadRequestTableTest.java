package io.stereospot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.contract.SessionIds;
import io.stereospot.server.StreamServer;
import io.stereospot.server.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every client mistake is a 4xx with {@code {"error": "…"}}, never a 5xx, an HTML page or a stack trace. Requests
 * go out as raw HTTP/1.1 over a socket so nothing (client-side URI parsing, encoding) tidies them first.
 */
class BadRequestTableTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNKNOWN = "0b6f7c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e";

    @TempDir
    static Path dataDir;
    static StreamServer server;

    @BeforeAll
    static void start() {
        server = TestServers.embedded(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> badRequests() {
        String pad = "x".repeat(17 * 1024);
        String deep = "[".repeat(5000) + "]".repeat(5000);
        return Stream.of(
                // bad JSON
                Arguments.of("truncated JSON", "POST", "/stream_sessions", "{\"mode\":", 400),
                Arguments.of("not JSON", "POST", "/stream_sessions", "mode=sbs", 400),
                Arguments.of("trailing garbage", "POST", "/stream_sessions", "{\"mode\":\"sbs\"} {", 400),
                Arguments.of("nested too deep", "POST", "/stream_sessions", deep, 400),
                Arguments.of("invalid UTF-8", "POST", "/stream_sessions", "{\"mode\":\"\u00ff\u00fe\"}", 400),
                // wrong types
                Arguments.of("array body", "POST", "/stream_sessions", "[]", 400),
                Arguments.of("string body", "POST", "/stream_sessions", "\"sbs\"", 400),
                Arguments.of("number body", "POST", "/stream_sessions", "42", 400),
                Arguments.of("null body", "POST", "/stream_sessions", "null", 400),
                Arguments.of("mode number", "POST", "/stream_sessions", "{\"mode\":5}", 400),
                Arguments.of("mode array", "POST", "/stream_sessions", "{\"mode\":[\"sbs\"]}", 400),
                Arguments.of("mode object", "POST", "/stream_sessions", "{\"mode\":{}}", 400),
                Arguments.of("mode boolean", "POST", "/stream_sessions", "{\"mode\":true}", 400),
                // unknown mode
                Arguments.of("mode 3d", "POST", "/stream_sessions", "{\"mode\":\"3d\"}", 400),
                Arguments.of("mode SBS", "POST", "/stream_sessions", "{\"mode\":\"SBS\"}", 400),
                Arguments.of("mode empty", "POST", "/stream_sessions", "{\"mode\":\"\"}", 400),
                Arguments.of("mode with NUL", "POST", "/stream_sessions", "{\"mode\":\"sbs\\u0000\"}", 400),
                // huge bodies
                Arguments.of("17 KiB body", "POST", "/stream_sessions", "{\"mode\":\"sbs\",\"pad\":\"" + pad + "\"}", 413),
                Arguments.of("1 MiB body", "POST", "/stream_sessions", "{\"p\":\"" + "y".repeat(1 << 20) + "\"}", 413),
                Arguments.of("17 KiB end body", "POST", "/stream_sessions/" + UNKNOWN + "/end", "\"" + pad + "\"", 413),
                // bad ids
                Arguments.of("not a UUID", "POST", "/stream_sessions/abc/end", null, 400),
                Arguments.of("upper-case UUID", "POST", "/stream_sessions/" + UNKNOWN.toUpperCase() + "/end", null, 400),
                Arguments.of("UUID v1", "POST", "/stream_sessions/6ba7b810-9dad-11d1-80b4-00c04fd430c8/end", null, 400),
                Arguments.of("UUID plus one", "POST", "/stream_sessions/" + UNKNOWN + "0/end", null, 400),
                Arguments.of("oversize id", "POST", "/stream_sessions/" + "a".repeat(4000) + "/end", null, 400),
                Arguments.of("encoded traversal", "POST", "/stream_sessions/..%2F..%2Fetc%2Fpasswd/end", null, 400),
                Arguments.of("encoded dots", "POST", "/stream_sessions/%2e%2e/end", null, 400),
                Arguments.of("dot dot", "POST", "/stream_sessions/../end", null, 400),
                Arguments.of("NUL in id", "POST", "/stream_sessions/%00/end", null, 400),
                Arguments.of("backslash id", "POST", "/stream_sessions/..%5C..%5Cx/end", null, 400),
                Arguments.of("end without the owner secret", "POST", "/stream_sessions/" + UNKNOWN + "/end", null, 401),
                Arguments.of("end body not JSON", "POST", "/stream_sessions/" + UNKNOWN + "/end", "{", 400),
                Arguments.of("end body array", "POST", "/stream_sessions/" + UNKNOWN + "/end", "[1]", 400),
                // wrong methods
                Arguments.of("GET sessions", "GET", "/stream_sessions", null, 405),
                Arguments.of("DELETE sessions", "DELETE", "/stream_sessions", null, 405),
                Arguments.of("PUT sessions", "PUT", "/stream_sessions", "{}", 405),
                Arguments.of("GET end", "GET", "/stream_sessions/" + UNKNOWN + "/end", null, 405),
                Arguments.of("PUT end", "PUT", "/stream_sessions/" + UNKNOWN + "/end", null, 405),
                Arguments.of("DELETE end", "DELETE", "/stream_sessions/" + UNKNOWN + "/end", null, 405),
                Arguments.of("POST healthz", "POST", "/healthz", "{}", 405),
                Arguments.of("PATCH healthz", "PATCH", "/healthz", null, 405),
                // unknown paths
                Arguments.of("root", "GET", "/", null, 404),
                Arguments.of("unknown path", "GET", "/nope", null, 404),
                Arguments.of("session without end", "GET", "/stream_sessions/" + UNKNOWN, null, 404),
                Arguments.of("unknown action", "POST", "/stream_sessions/" + UNKNOWN + "/start", null, 404),
                Arguments.of("admin probe", "GET", "/.env", null, 404),
                Arguments.of("very long path", "GET", "/" + "p".repeat(20_000), null, 414));
    }

    @ParameterizedTest(name = "{0}: {1} {2} -> {4}")
    @MethodSource("badRequests")
    void answersA4xxJsonError(String name, String method, String path, String body, int expectedStatus)
            throws IOException {
        RawResponse response = RawResponse.send(server.baseUrl().getPort(), method, path, body);

        assertThat(response.status).as(name).isEqualTo(expectedStatus);
        assertThat(response.header("content-type")).as(name).startsWith("application/json");
        JsonNode json = JSON.readTree(response.body);
        assertThat(json.isObject()).isTrue();
        assertThat(json.size()).isEqualTo(1);
        assertThat(json.get("error").isTextual()).isTrue();
        assertThat(json.get("error").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedHttp")
    void malformedHttpIsAlsoA4xxJsonError(String name, String rawRequest, int expectedStatus) throws IOException {
        RawResponse response = RawResponse.sendRaw(server.baseUrl().getPort(), rawRequest);

        assertThat(response.status).as(name).isEqualTo(expectedStatus);
        assertThat(response.header("content-type")).as(name).startsWith("application/json");
        assertThat(JSON.readTree(response.body).get("error").isTextual()).isTrue();
    }

    static Stream<Arguments> malformedHttp() {
        return Stream.of(
                Arguments.of("header too large", "GET /healthz HTTP/1.1\r\nHost: x\r\nCookie: "
                        + "c".repeat(40_000) + "\r\nConnection: close\r\n\r\n", 431),
                Arguments.of("space in the path", "GET /a b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400),
                Arguments.of("no Host header", "GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n", 400),
                Arguments.of("bad content length", "POST /stream_sessions HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Length: -5\r\nConnection: close\r\n\r\n", 400),
                // Found by HostileRequestProperties: Jetty read this as HTTP/0.9 and answered 505.
                Arguments.of("raw LF in the path", "GET /stream/a\nb/playlist.m3u8 HTTP/1.1\r\nHost: x\r\n"
                        + "Connection: close\r\n\r\n", 400),
                // Found by HostileRequestProperties: Jetty wrote error bodies for GET, POST and HEAD only.
                Arguments.of("backslash in a PUT path", "PUT /\\ HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
                        + "Connection: close\r\n\r\n", 400));
    }

    /** One request on its own connection, bytes exactly as given; the answer parsed just enough to check. */
    record RawResponse(int status, String headers, String body) {

        static RawResponse send(int port, String method, String path, String body) throws IOException {
            byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.ISO_8859_1);
            if (body != null && body.contains("\u0000")) {
                payload = body.getBytes(StandardCharsets.UTF_8);
            }
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(20_000);
                OutputStream out = socket.getOutputStream();
                String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + payload.length + "\r\n"
                        + "Connection: close\r\n\r\n";
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                try {
                    out.write(payload);
                    out.flush();
                } catch (IOException closedEarly) {
                    // the server may answer (413) and stop reading before a huge body is sent: read its answer
                }
                return parse(readAll(socket.getInputStream()));
            }
        }

        static RawResponse sendRaw(int port, String rawRequest) throws IOException {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(20_000);
                socket.getOutputStream().write(rawRequest.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                return parse(readAll(socket.getInputStream()));
            }
        }

        private static String readAll(InputStream in) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
                in.transferTo(bytes);
            } catch (IOException reset) {
                // a reset after the answer arrived still leaves the answer
            }
            return bytes.toString(StandardCharsets.UTF_8);
        }

        private static RawResponse parse(String raw) {
            int split = raw.indexOf("\r\n\r\n");
            if (split < 0) {
                throw new AssertionError("No HTTP answer: '" + raw + "'");
            }
            String headers = raw.substring(0, split);
            String body = raw.substring(split + 4);
            if (headers.toLowerCase().contains("transfer-encoding: chunked")) {
                body = dechunk(body);
            }
            int status = Integer.parseInt(headers.split(" ", 3)[1]);
            return new RawResponse(status, headers, body);
        }

        private static String dechunk(String chunked) {
            StringBuilder out = new StringBuilder();
            int at = 0;
            while (true) {
                int eol = chunked.indexOf("\r\n", at);
                int size = Integer.parseInt(chunked.substring(at, eol).trim(), 16);
                if (size == 0) {
                    return out.toString();
                }
                out.append(chunked, eol + 2, eol + 2 + size);
                at = eol + 2 + size + 2;
            }
        }

        String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return "";
        }
    }

    static {
        // The table's ids must stay what they claim to be.
        assert SessionIds.isValid(UNKNOWN);
    }
}
