package io.stereospot.server.http;
import io.stereospot.server.segment.TransportStreamRemuxer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.contract.ObjectKeys;
import io.stereospot.contract.SessionIds;
import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.playback.PlaybackSettings;
import io.stereospot.server.testing.Frames;
import io.stereospot.server.testing.PlaybackHarness;
import io.stereospot.server.testing.TestChunks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad requests get 4xx JSON; a segment written by an outside converter is made playable on first request. */
class PlaybackRoutesTest {

    @TempDir
    static Path dir;
    static PlaybackHarness harness;
    static String session;

    @BeforeAll
    static void start() throws Exception {
        harness = PlaybackHarness.start(dir, PlaybackSettings.defaults().withConverter(ConverterSettings.copy()));
        session = harness.createSession();
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/stream/not-a-uuid/playlist.m3u8, 400",
            "/stream/..%2F..%2Fstream_sessions/playlist.m3u8, 400",
            "/stream/6F9619FF-8B86-4011-B42D-00C04FC964FF/playlist.m3u8, 400",
            "/stream/6f9619ff-8b86-4011-b42d-00c04fc964ff/playlist.m3u8, 404",
            "/stream/6f9619ff-8b86-4011-b42d-00c04fc964ff/seg_00000.ts, 404",
            "/stream/not-a-uuid/seg_00000.ts, 400",
            "/stream/SESSION/seg_00000.ts, 404",
            "/stream/SESSION/seg_0.ts, 404",
            "/stream/SESSION/seg_00000.mp4, 404",
            "/stream/SESSION/seg_00000.json, 404",
            "/stream/SESSION/..%2F..%2Fstream_sessions%2FSESSION.json, 404",
    })
    void badRequestsGetAJsonError(String path, int status) throws Exception {
        HttpResponse<String> response = harness.get(harness.baseUrl().resolve(path.replace("SESSION", session)));
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        assertThat(new ObjectMapper().readTree(response.body()).path("error").asText()).isNotBlank();
    }

    @Test
    void aSegmentFromAnOutsideConverterIsMadePlayableOnceOnItsFirstRequests() throws Exception {
        String outside = harness.createSession();
        List<Path> chunks = TestChunks.make(dir.resolve("outside"), 2, 160, 120);
        // As if another converter (iw3 on AWS) wrote the segments straight into the bucket.
        for (int i = 0; i < 2; i++) {
            harness.bucket().upload(ObjectKeys.segment(outside, i), chunks.get(i), "video/mp4");
        }
        String playlist = harness.awaitSegments(outside, 2);

        HttpClient client = HttpClient.newHttpClient();
        URI seg1 = harness.baseUrl().resolve("/stream/" + outside + "/seg_00001.ts");
        List<CompletableFuture<HttpResponse<byte[]>>> crowd = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            crowd.add(client.sendAsync(HttpRequest.newBuilder(seg1).build(), HttpResponse.BodyHandlers.ofByteArray()));
        }
        byte[] first = null;
        for (CompletableFuture<HttpResponse<byte[]>> f : crowd) {
            HttpResponse<byte[]> r = f.get();
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("video/mp2t");
            assertThat(r.body()[0]).as("MPEG-TS sync byte").isEqualTo((byte) 0x47);
            if (first == null) {
                first = r.body();
            }
            assertThat(r.body()).isEqualTo(first);
        }
        assertThat(harness.bucket().exists("stream_output/" + outside + "/seg_00001.ts")).as("cached in the store")
                .isTrue();
        // Segment 1 starts where segment 0 ends on the stream's timeline.
        Path ts = dir.resolve("seg1.ts");
        Files.write(ts, first);
        double start = Double.parseDouble(Frames.probe(ts, "v:0", "start_time").lines().findFirst().orElseThrow());
        double seg0 = Double.parseDouble(playlist.lines().filter(l -> l.startsWith("#EXTINF")).findFirst()
                .orElseThrow().substring(8).replace(",", ""));
        assertThat(start).isBetween(TransportStreamRemuxer.LEAD_IN_SECONDS + seg0 - 0.05,
                TransportStreamRemuxer.LEAD_IN_SECONDS + seg0 + 0.05);
    }

    @Test
    void aSegmentAfterAGapIsNotServed() throws Exception {
        String gappy = harness.createSession();
        List<Path> chunks = TestChunks.make(dir.resolve("gappy"), 3, 160, 120);
        harness.bucket().upload(ObjectKeys.segment(gappy, 0), chunks.get(0), "video/mp4");
        harness.bucket().upload(ObjectKeys.segment(gappy, 2), chunks.get(2), "video/mp4");
        harness.awaitSegments(gappy, 1);
        HttpResponse<String> after = harness.get(harness.baseUrl().resolve("/stream/" + gappy + "/seg_00002.ts"));
        assertThat(after.statusCode()).isEqualTo(404);
        assertThat(after.body()).contains("\"error\"");
        assertThat(harness.get(harness.baseUrl().resolve("/stream/" + gappy + "/seg_00000.ts")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void unknownSessionsAreNotConfusedWithSessionsWithoutSegments() {
        assertThat(harness.get(harness.playlistUrl(SessionIds.newId())).statusCode()).isEqualTo(404);
        assertThat(harness.get(harness.playlistUrl(session)).statusCode()).isEqualTo(200);
    }
}
