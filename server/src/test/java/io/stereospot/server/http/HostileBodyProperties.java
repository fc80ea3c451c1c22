package io.stereospot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.stereospot.contract.HostileStrings;
import io.stereospot.server.StreamServer;
import io.stereospot.server.testing.ApiClient;
import io.stereospot.server.testing.RawHttp;
import io.stereospot.server.testing.Sandbox;
import io.stereospot.server.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever body {@code POST /stream_sessions} gets (any JSON value, objects with odd fields and modes, huge numbers,
 * deep nesting, garbage bytes, oversize, any content type, chunked or not), the answer is a 201 whose body is the
 * contract's StreamSession, or a 4xx JSON error; never a 5xx. Where the answer is known (a JSON object whose mode
 * is absent, null or "sbs"; any other JSON value or broken JSON; over 16 KiB) it must be exactly that (201, 400,
 * 413). A 201 writes the new session's record and credentials and nothing else.
 */
class HostileBodyProperties {

    static Sandbox sandbox;
    static StreamServer server;
    static int port;

    enum Expect { CREATED, BAD_REQUEST, EITHER }

    record Body(String kind, byte[] bytes, Expect expect) {
        @Override
        public String toString() {
            String text = new String(bytes, StandardCharsets.UTF_8);
            return kind + " " + HostileStrings.printable(text) + " (" + bytes.length + " bytes)";
        }
    }

    @BeforeContainer
    static void start() {
        sandbox = Sandbox.create("hostile-bodies");
        server = TestServers.embedded(sandbox.dataDir());
        port = server.baseUrl().getPort();
        new ApiClient(server.baseUrl()).createSession(); // the folders exist, so a 201 adds exactly two files
    }

    @AfterContainer
    static void stop() {
        server.close();
        sandbox.close();
    }

    @Property(tries = 500)
    void anyBodyIsA201SessionOrA4xxJsonError(@ForAll("bodies") Body body, @ForAll("contentTypes") String contentType,
            @ForAll boolean chunked) throws IOException {
        Set<String> before = sandbox.entries();
        RawHttp.Response response = post(body.bytes(), contentType, chunked);
        String what = "POST " + body + " as " + HostileStrings.printable(contentType) + (chunked ? ", chunked" : "")
                + " -> " + response.status();
        Statistics.label("answer").collect(response.status());

        // Jetty reads at most 8 KiB of request headers: a longer Content-Type is 431 before anything else.
        boolean oversizeHeader = contentType.getBytes(StandardCharsets.UTF_8).length > 4096;
        assertThat(response.status()).as("%s: %s", what, response.bodyText())
                .isIn(oversizeHeader ? List.of(201, 400, 413, 415, 431) : List.of(201, 400, 413, 415));
        if (response.status() == 201) {
            String id = ApiAnswers.createdSession(response).sessionId();
            ApiAnswers.assertOnlyTheSessionWasWritten(before, sandbox.entries(), id, what);
        } else {
            ApiAnswers.assertJsonError(response, what);
            assertThat(sandbox.entries()).as("entries after %s", what).isEqualTo(before);
        }
        // A header Jetty cannot read (control characters) is refused before the body matters.
        boolean readableHeader = !oversizeHeader && contentType.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        Statistics.label("expectation").collect(readableHeader ? body.expect() : Expect.EITHER);
        if (!readableHeader) {
            return;
        }
        if (body.bytes().length > JsonBodies.MAX_BODY_BYTES) {
            assertThat(response.status()).as(what).isEqualTo(413);
        } else if (body.expect() == Expect.CREATED) {
            assertThat(response.status()).as(what).isEqualTo(201);
        } else if (body.expect() == Expect.BAD_REQUEST) {
            assertThat(response.status()).as(what).isEqualTo(400);
        }
    }

    private static RawHttp.Response post(byte[] body, String contentType, boolean chunked) throws IOException {
        String type = contentType.isEmpty() ? "" : "Content-Type: " + contentType + "\r\n";
        if (!chunked) {
            return RawHttp.send(port, "POST", "/stream_sessions", type, body);
        }
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(("POST /stream_sessions HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + type
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        for (int at = 0; at < body.length; at += 1000) {
            int n = Math.min(1000, body.length - at);
            request.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            request.write(body, at, n);
            request.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        request.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return RawHttp.sendBytes(port, request.toByteArray());
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just("application/json")),
                Tuple.of(3, Arbitraries.of("", "text/plain", "application/x-www-form-urlencoded",
                        "multipart/form-data; boundary=xyz", "application/json; charset=utf-16", "*/*",
                        "application/json; charset=nonsense", "application/xml", "application/octet-stream")),
                Tuple.of(1, HostileStrings.anything().filter(s -> s.chars().noneMatch(c -> c == '\r' || c == '\n'))
                        .map(s -> new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))));
    }

    @Provide
    Arbitrary<Body> bodies() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, createObjects().map(json -> body("valid create", json, Expect.CREATED))),
                Tuple.of(3, jsonValue(3).filter(v -> !v.startsWith("{"))
                        .map(json -> body("non-object JSON", json, Expect.BAD_REQUEST))),
                Tuple.of(2, wrongModes().map(json -> body("wrong mode", json, Expect.BAD_REQUEST))),
                Tuple.of(2, jsonValue(4).map(json -> body("any JSON", json, Expect.EITHER))),
                Tuple.of(2, brokenJson().map(json -> body("broken JSON", json, Expect.BAD_REQUEST))),
                Tuple.of(1, deepNesting().map(json -> body("deep", json, Expect.EITHER))),
                Tuple.of(1, hugeNumbers().map(json -> body("huge number", json, Expect.EITHER))),
                Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMaxSize(20_000)
                        .map(bytes -> new Body("garbage bytes", bytes, Expect.EITHER))));
    }

    private static Body body(String kind, String json, Expect expect) {
        return new Body(kind, json.getBytes(StandardCharsets.UTF_8), expect);
    }

    /** Objects the server must accept: mode absent, null or "sbs", with any other fields beside it. */
    private static Arbitrary<String> createObjects() {
        Arbitrary<String> mode = Arbitraries.of("", "\"mode\":\"sbs\"", "\"mode\":null");
        Arbitrary<List<String>> extras = Combinators.combine(
                        otherFieldNames(), jsonValue(2)).as((k, v) -> quote(k) + ":" + v)
                .list().ofMaxSize(4);
        return Combinators.combine(mode, extras).as((m, fields) -> {
            StringBuilder json = new StringBuilder("{");
            json.append(m);
            for (String field : fields) {
                json.append(json.length() > 1 ? "," : "").append(field);
            }
            return json.append("}").toString();
        });
    }

    private static Arbitrary<String> otherFieldNames() {
        return Arbitraries.oneOf(Arbitraries.of("session_id", "upload", "key_prefix", "__proto__", "MODE", "mode ",
                "Mode", "", "mode\u0000"), HostileStrings.anything())
                .filter(k -> !k.equals("mode"));
    }

    /** A mode that is not "sbs": another string (look-alikes included) or another type. */
    private static Arbitrary<String> wrongModes() {
        Arbitrary<String> value = Arbitraries.oneOf(
                HostileStrings.nearMisses("sbs").filter(s -> !s.equals("sbs")).map(HostileBodyProperties::quote),
                jsonValue(2).filter(v -> !v.equals("null") && !v.startsWith("\"")));
        return value.map(v -> "{\"mode\":" + v + "}");
    }

    private static Arbitrary<String> brokenJson() {
        return Arbitraries.oneOf(
                Arbitraries.of("{", "}", "{\"mode\":", "{\"mode\":\"sbs\"", "{\"mode\":\"sbs\"} {", "{'mode':'sbs'}",
                        "{mode:sbs}", "{\"mode\":\"sbs\",}", "[1,]", "nul", "tru", "NaN", "Infinity", "-", "01",
                        "0x10", "\"unterminated", "{\"mode\":\"\\x\"}", "{\"a\":1}}", "{\"mode\":\"sbs\"}]",
                        "\uFEFF{\"mode\":\"sbs\"}x"),
                jsonValue(3).map(v -> v + " " + v));
    }

    /** Arrays or objects nested up to 20 000 deep: the parser's depth limit is 1000. */
    private static Arbitrary<String> deepNesting() {
        return Combinators.combine(Arbitraries.integers().between(1, 20_000), Arbitraries.of("[", "{\"a\":"))
                .as((depth, open) -> open.repeat(depth) + "1" + (open.equals("[") ? "]" : "}").repeat(depth));
    }

    private static Arbitrary<String> hugeNumbers() {
        Arbitrary<String> number = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 15_000).map(n -> "9".repeat(n)),
                Arbitraries.integers().between(1, 400_000_000).map(e -> "1e" + e),
                Arbitraries.integers().between(1, 400_000_000).map(e -> "-1.5E-" + e),
                Arbitraries.integers().between(1, 5_000).map(n -> "0." + "0".repeat(n) + "1"));
        return Combinators.combine(number, Arbitraries.of("mode", "n"))
                .as((n, field) -> Arbitraries.of(n, "{\"" + field + "\":" + n + "}", "[" + n + "]"))
                .flatMap(a -> a);
    }

    /** Any JSON value, up to the given depth; strings from the hostile set. */
    private static Arbitrary<String> jsonValue(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.of("null", "true", "false", "0", "-0", "1.5e3", "-1", "1E400", "123456789012345678901234567890"),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf).filter(s -> !s.contains("N") && !s.contains("I")),
                HostileStrings.anything().map(HostileBodyProperties::quote));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> inner = Arbitraries.lazy(() -> jsonValue(depth - 1));
        Arbitrary<String> array = inner.list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]");
        Arbitrary<String> object = Combinators.combine(Arbitraries.oneOf(Arbitraries.just("mode"), otherFieldNames()),
                        inner).as((k, v) -> quote(k) + ":" + v)
                .list().ofMaxSize(4).map(l -> "{" + String.join(",", l) + "}");
        return Arbitraries.frequencyOf(Tuple.of(3, scalar), Tuple.of(1, array), Tuple.of(1, object));
    }

    private static String quote(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }
}
