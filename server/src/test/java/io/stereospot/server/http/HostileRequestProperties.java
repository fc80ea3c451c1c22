package io.stereospot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.contract.HostileStrings;
import io.stereospot.contract.StreamSession;
import io.stereospot.server.StreamServer;
import io.stereospot.server.testing.ApiClient;
import io.stereospot.server.testing.RawHttp;
import io.stereospot.server.testing.Sandbox;
import io.stereospot.server.testing.TestServers;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Hostile session ids, segment names, paths and methods against a real server: never a 5xx, every 4xx the JSON
 * error shape, and no file created or removed anywhere in the sandbox that holds the data dir. Each request goes
 * out twice over: raw (the string's UTF-8 bytes in the request line, where java.net.http would refuse) and
 * percent-encoded (what a well-behaved client would send).
 */
class HostileRequestProperties {

    static Sandbox sandbox;
    static StreamServer server;
    static int port;
    /** A session that exists, so near misses of its id probe the valid-looking-but-wrong side. */
    static String liveId;

    enum Wire { RAW, ENCODED }

    enum IdRoute {
        END("POST", "/stream_sessions/", "/end"),
        PLAYLIST("GET", "/stream/", "/playlist.m3u8"),
        SEGMENT("GET", "/stream/", "/seg_00000.ts");

        final String method;
        final String before;
        final String after;

        IdRoute(String method, String before, String after) {
            this.method = method;
            this.before = before;
            this.after = after;
        }
    }

    @BeforeContainer
    static void start() {
        sandbox = Sandbox.create("hostile-requests");
        server = TestServers.embedded(sandbox.dataDir());
        port = server.baseUrl().getPort();
        StreamSession session = new ApiClient(server.baseUrl()).createSession();
        liveId = session.sessionId();
    }

    @AfterContainer
    static void stop() {
        server.close();
        sandbox.close();
    }

    @Property(tries = 1500)
    void aHostileSessionIdIsNeverA5xxNorWritesAFile(@ForAll("sessionIds") String id, @ForAll IdRoute route,
            @ForAll Wire wire) throws IOException {
        String target = route.before + encode(id, wire) + route.after;
        RawHttp.Response response = sendWithoutWriting(route.method, target);

        if (response.status() < 400) {
            // Only a real session's id gets past validation, and this server has no segments.
            assertThat(route).isNotEqualTo(IdRoute.SEGMENT);
            assertThat(decodedAsServerSeesIt(id, wire)).as("id accepted with %d", response.status()).isEqualTo(liveId);
        }
    }

    @Property(tries = 800)
    void aHostileSegmentNameIsNeverA5xxNorWritesAFile(@ForAll("segmentNames") String name, @ForAll Wire wire)
            throws IOException {
        RawHttp.Response response = sendWithoutWriting("GET", "/stream/" + liveId + "/" + encode(name, wire));

        if (response.status() < 400) {
            // No segment exists: a 2xx can only be the session's own playlist, reached through a spelling the
            // router folds to it ("playlist.m3u8/", "./playlist.m3u8").
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Type")).isEqualTo("application/vnd.apple.mpegurl");
            assertThat(response.bodyText()).startsWith("#EXTM3U");
        }
    }

    /** Found by the property above in CI: Javalin decodes path parameters itself and threw on ";%" (a 500). */
    @Example
    void aStrayPercentInAPathParameterIsA400() throws IOException {
        for (String name : List.of(";%", "a;%zz", ";%2", ";%/")) {
            RawHttp.Response response = sendWithoutWriting("GET", "/stream/" + liveId + "/" + name);
            assertThat(response.status()).as(name).isEqualTo(400);
            assertThat(response.bodyText()).as(name).contains("'%'");
        }
    }

    @Property(tries = 1200)
    void anyMethodOnAnyPathIsNeverA5xxNorWritesAFile(@ForAll("methods") String method, @ForAll("paths") String path,
            @ForAll Wire wire) throws IOException {
        sendWithoutWriting(method, wire == Wire.RAW ? path : encodeSegments(path));
    }

    /** The request, checked: below 500, the JSON error shape on a 4xx (HEAD has no body), no file touched. */
    private static RawHttp.Response sendWithoutWriting(String method, String target) throws IOException {
        Set<String> before = sandbox.entries();
        RawHttp.Response response = RawHttp.send(port, method, target, "", new byte[0]);
        String what = method + " " + HostileStrings.printable(target) + " -> " + response.status();
        Statistics.label("status").collect(response.status());

        assertThat(response.status()).as("%s, answered:%n%s", what, response.headers()).isBetween(100, 499);
        if (response.status() >= 400 && !"HEAD".equals(method)) {
            ApiAnswers.assertJsonError(response, what);
        }
        Set<String> after = sandbox.entries();
        if (response.status() == 201) {
            // POST /stream_sessions (however spelled) creates a session: its record and its credentials, no more.
            String id = ApiAnswers.createdSession(response).sessionId();
            ApiAnswers.assertOnlyTheSessionWasWritten(before, after, id, what);
        } else {
            assertThat(after).as("files in the sandbox after %s", what).isEqualTo(before);
        }
        return response;
    }

    @Provide
    Arbitrary<String> sessionIds() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, HostileStrings.nearMisses(liveId)),
                Tuple.of(4, HostileStrings.anything()),
                Tuple.of(1, HostileStrings.uuidV4s()));
    }

    @Provide
    Arbitrary<String> segmentNames() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, HostileStrings.nearMisses("seg_00000.ts")),
                Tuple.of(1, HostileStrings.nearMisses("playlist.m3u8")),
                Tuple.of(4, HostileStrings.anything()));
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE")),
                Tuple.of(1, Arbitraries.of("CONNECT", "get", "PROPFIND", "MOVE", "G\u0000T", "GET\t", "X-Y", "FOO")),
                Tuple.of(1, Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(12)));
    }

    /** {@code /} and 0 to 6 segments: the server's own words, a live id, and hostile strings; maybe a query. */
    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> segment = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of("stream", "stream_sessions", "playlist.m3u8", "seg_00000.ts", "end",
                        "healthz", liveId, "..", ".", "", "%2e%2e", "%2F", "store", "stereospot")),
                Tuple.of(3, HostileStrings.anything()));
        Arbitrary<String> query = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just("")),
                Tuple.of(1, HostileStrings.anything().map(q -> "?" + q)));
        return net.jqwik.api.Combinators.combine(segment.list().ofMaxSize(6), query)
                .as((segments, q) -> "/" + String.join("/", segments) + q);
    }

    /**
     * Raw: the string's own UTF-8 bytes, except '?' and '#' (a lone surrogate encodes as '?'), which would end the
     * path and make the rest a query: {@code POST /stream_sessions/?/end} is a valid create.
     */
    private static String encode(String s, Wire wire) {
        if (wire == Wire.ENCODED) {
            return RawHttp.percentEncode(s);
        }
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                .replace("?", "%3F").replace("#", "%23");
    }

    /** Each path segment percent-encoded, the slashes between them kept. */
    private static String encodeSegments(String path) {
        List<String> parts = List.of(path.split("/", -1));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            out.append(i == 0 ? "" : "/").append(RawHttp.percentEncode(parts.get(i)));
        }
        return out.toString();
    }

    private static String decodedAsServerSeesIt(String id, Wire wire) {
        if (wire == Wire.ENCODED) {
            return id;
        }
        try {
            return URLDecoder.decode(encode(id, wire).replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return id;
        }
    }
}
