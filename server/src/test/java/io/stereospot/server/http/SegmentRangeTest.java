package io.stereospot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.media.FfmpegBinaries;
import io.stereospot.media.process.ExternalProcess;
import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.playback.PlaybackSettings;
import io.stereospot.server.testing.PlaybackHarness;
import io.stereospot.server.testing.RawHttp;
import io.stereospot.server.testing.TestChunks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Segments answer HTTP Range requests as players send them for a playlist of {@code EXT-X-BYTERANGE} parts: the
 * exact slice with 206, 416 past the end, the whole file for anything else, and a CORS preflight for hls.js. Real
 * server, real segments of a finished session, and FFmpeg's own HLS reader as the player.
 */
class SegmentRangeTest {

    /** MPEG-TS packets are 188 bytes; a part must start on one for a player to read it alone. */
    private static final int TS_PACKET_BYTES = 188;

    @TempDir
    static Path dir;
    static PlaybackHarness harness;
    static String session;
    static byte[] whole;
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        harness = PlaybackHarness.start(dir, PlaybackSettings.defaults().withConverter(ConverterSettings.copy()));
        session = harness.finishedSession(TestChunks.make(dir.resolve("chunks"), 2, 160, 120), Duration.ofSeconds(30));
        HttpResponse<byte[]> full = get(segmentUrl(0), null);
        assertThat(full.statusCode()).isEqualTo(200);
        whole = full.body();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void theWholeSegmentSaysItsLengthAndThatRangesAreAccepted() throws Exception {
        HttpResponse<byte[]> full = get(segmentUrl(0), null);
        assertThat(full.statusCode()).isEqualTo(200);
        assertThat(full.body()).isEqualTo(whole);
        assertThat(whole.length).as("a real segment, many packets long").isGreaterThan(20 * TS_PACKET_BYTES);
        assertThat(full.headers().firstValue("Content-Length")).hasValue(Integer.toString(whole.length));
        assertThat(full.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(full.headers().firstValue("Content-Range")).isEmpty();
        assertThat(full.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(full.headers().firstValue("Access-Control-Expose-Headers"))
                .hasValue("Content-Range, Content-Length, Accept-Ranges");
    }

    /** HEAD says what a GET would, without the bytes: before, any HEAD here was a bare 200, even for no segment. */
    @Test
    void headSaysWhatAGetWouldWithoutTheBytes() throws Exception {
        HttpResponse<byte[]> full = head("seg_00000.ts", null);
        assertThat(full.statusCode()).isEqualTo(200);
        assertThat(full.body()).isEmpty();
        assertThat(full.headers().firstValue("Content-Length")).hasValue(Integer.toString(whole.length));
        assertThat(full.headers().firstValue("Content-Type")).hasValue("video/mp2t");
        HttpResponse<byte[]> slice = head("seg_00000.ts", "bytes=188-375");
        assertThat(slice.statusCode()).isEqualTo(206);
        assertThat(slice.headers().firstValue("Content-Range"))
                .hasValue("bytes 188-375/" + whole.length);
        assertThat(head("seg_00009.ts", null).statusCode()).isEqualTo(404);
        assertThat(head("nothing.txt", null).statusCode()).isEqualTo(404);
        HttpResponse<byte[]> playlist = head("playlist.m3u8", null);
        assertThat(playlist.statusCode()).isEqualTo(200);
        assertThat(playlist.body()).isEmpty();
        assertThat(playlist.headers().firstValue("Content-Type")).hasValue("application/vnd.apple.mpegurl");
        assertThat(Long.parseLong(playlist.headers().firstValue("Content-Length").orElseThrow())).isPositive();
    }

    private static HttpResponse<byte[]> head(String file, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(harness.baseUrl().resolve("/stream/" + session + "/"
                + file)).method("HEAD", HttpRequest.BodyPublishers.noBody());
        if (range != null) {
            request.header("Range", range);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static Stream<String> ranges() {
        int n = whole.length;
        return Stream.of("bytes=0-187", "bytes=188-375", "bytes=188-", "bytes=-188", "bytes=-1", "bytes=0-0",
                "bytes=1000-1999", "bytes=0-" + (n - 1), "bytes=" + (n - 1) + "-", "bytes=100-" + (n + 5000),
                "bytes=-" + (n + 5000), "bytes=" + (n / 3) + "-" + (2 * n / 3), "bytes=7-99999999999999999999999");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ranges")
    void aRangeIsExactlyThatSliceOfTheWhole(String range) throws Exception {
        int n = whole.length;
        ByteRange.Slice expected = (ByteRange.Slice) ByteRange.of(range, n);
        HttpResponse<byte[]> answer = get(segmentUrl(0), range);
        assertThat(answer.statusCode()).isEqualTo(206);
        assertThat(answer.body()).isEqualTo(Arrays.copyOfRange(whole, (int) expected.firstByte(),
                (int) expected.lastByte() + 1));
        assertThat(answer.headers().firstValue("Content-Range"))
                .hasValue("bytes " + expected.firstByte() + "-" + expected.lastByte() + "/" + n);
        assertThat(answer.headers().firstValue("Content-Length")).hasValue(Long.toString(expected.lengthBytes()));
        assertThat(answer.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("video/mp2t");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bytes=END-", "bytes=END-99999999", "bytes=-0", "bytes=99999999999999999999999999-"})
    void aRangePastTheEndIs416WithTheLength(String range) throws Exception {
        HttpResponse<byte[]> answer = get(segmentUrl(0), range.replace("END", Integer.toString(whole.length)));
        assertThat(answer.statusCode()).isEqualTo(416);
        assertThat(answer.headers().firstValue("Content-Range")).hasValue("bytes */" + whole.length);
        assertThat(answer.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(answer.headers().firstValue("Content-Length")).hasValue(Integer.toString(answer.body().length));
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        assertThat(new ObjectMapper().readTree(answer.body()).path("error").asText()).isNotBlank();
    }

    static Stream<String> hostileRanges() {
        return Stream.of("", " ", "bytes", "bytes=", "bytes=-", "bytes=abc", "bytes=5-3", "bytes=-5-3",
                "bytes=-99999999999999999999999999999999999999", "bytes=-9223372036854775808-",
                "bytes=9223372036854775807-9223372036854775806", "bytes=0-1,5-9", "bytes=0-1" + ",".repeat(1000),
                ",".repeat(1000), "bytes=" + "-".repeat(1000), "bytes=" + "9".repeat(4000) + "-",
                "bytes=\u0663-\u0664", "bytes=\u00ff-", "items=0-9", "bytes=0x10-0x20", "bytes=1e3-", "bytes=\t0-1");
    }

    /** Sent raw over a socket, so even what java.net.http would refuse reaches the server as is. */
    @ParameterizedTest(name = "[{index}]")
    @MethodSource("hostileRanges")
    void aHostileRangeIsNeverA5xx(String range) throws Exception {
        RawHttp.Response answer = RawHttp.send(harness.baseUrl().getPort(), "GET",
                segmentUrl(0).getRawPath(), "Range: " + range + "\r\n", new byte[0]);
        assertThat(answer.status()).as(answer.bodyText()).isIn(200, 206, 416);
        if (answer.status() == 200) {
            assertThat(answer.body()).isEqualTo(whole);
            assertThat(answer.header("Content-Length")).isEqualTo(Integer.toString(whole.length));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"seg_00000.ts", "seg_00001.ts", "playlist.m3u8"})
    void aBrowsersPreflightForARangeIsAllowed(String file) throws Exception {
        HttpResponse<String> answer = CLIENT.send(HttpRequest.newBuilder(harness.baseUrl().resolve(
                        "/stream/" + session + "/" + file))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://player.example")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "range").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(204);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(answer.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, OPTIONS");
        assertThat(answer.headers().firstValue("Access-Control-Allow-Headers")).hasValue("Range");
        assertThat(answer.headers().firstValue("Access-Control-Max-Age")).isPresent();
    }

    /**
     * FFmpeg plays a hand-written playlist that lists each served segment as byte-range parts (cut at packet
     * boundaries), as the live playlist will: every part is fetched with a Range request and decodes without an
     * error, to as many frames as the same segments listed whole.
     */
    @Test
    void ffmpegPlaysTheSegmentsAsByteRangeParts() throws Exception {
        StringBuilder parts = new StringBuilder();
        StringBuilder wholes = new StringBuilder();
        int expectedParts = 0;
        for (int index = 0; index < 2; index++) {
            long length = get(segmentUrl(index), null).body().length;
            long packets = length / TS_PACKET_BYTES;
            List<Long> cuts = List.of(0L, packets / 3 * TS_PACKET_BYTES, 2 * packets / 3 * TS_PACKET_BYTES, length);
            for (int p = 0; p + 1 < cuts.size(); p++) {
                parts.append("#EXTINF:1.666,\n#EXT-X-BYTERANGE:").append(cuts.get(p + 1) - cuts.get(p)).append('@')
                        .append(cuts.get(p)).append('\n').append(segmentUrl(index)).append('\n');
                expectedParts++;
            }
            wholes.append("#EXTINF:5.0,\n").append(segmentUrl(index)).append('\n');
        }
        Path byteRanges = playlist("parts.m3u8", parts);
        long servedBefore = ranged();

        ExternalProcess.Result decoded = ffmpeg(List.of("-i", byteRanges.toString(), "-f", "null", "-"));
        assertThat(decoded.succeeded()).as(decoded.stderrTail()).isTrue();
        assertThat(decoded.stderrTail()).as("decode errors").isBlank();
        assertThat(ranged() - servedBefore).as("Range requests FFmpeg made").isGreaterThanOrEqualTo(expectedParts);
        assertThat(videoFrames(byteRanges)).isEqualTo(videoFrames(playlist("whole.m3u8", wholes)))
                .isEqualTo(2L * TestChunks.FRAMES_PER_CHUNK);
    }

    private static Path playlist(String name, StringBuilder entries) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "#EXTM3U\n#EXT-X-VERSION:4\n#EXT-X-TARGETDURATION:5\n#EXT-X-MEDIA-SEQUENCE:0\n"
                + "#EXT-X-PLAYLIST-TYPE:VOD\n" + entries + "#EXT-X-ENDLIST\n", StandardCharsets.UTF_8);
        return file;
    }

    private static long videoFrames(Path playlist) throws Exception {
        ExternalProcess.Result counted = ExternalProcess.run(List.of(FfmpegBinaries.ffprobe().toString(),
                "-protocol_whitelist", "file,http,tcp", "-v", "error", "-select_streams", "v:0", "-count_frames",
                "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", playlist.toString()), null,
                Duration.ofSeconds(60));
        assertThat(counted.succeeded()).as(counted.stderrTail()).isTrue();
        // The HLS reader lists the stream once under its program and once alone.
        return Long.parseLong(counted.stdout().strip().lines().findFirst().orElseThrow().strip());
    }

    /** A local playlist's segments are on http, which FFmpeg allows only when told. */
    private static ExternalProcess.Result ffmpeg(List<String> args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(FfmpegBinaries.ffmpeg().toString(), "-nostdin",
                "-hide_banner", "-v", "error", "-protocol_whitelist", "file,http,tcp"));
        command.addAll(args);
        return ExternalProcess.run(command, null, Duration.ofSeconds(60));
    }

    /** How many 206 answers for this session's segments the server has logged. */
    private static long ranged() {
        return harness.served().stream().filter(l -> l.contains("/stream/" + session + "/seg_"))
                .filter(l -> l.contains("-> 206")).count();
    }

    private static URI segmentUrl(int index) {
        return harness.baseUrl().resolve(String.format("/stream/%s/seg_%05d.ts", session, index));
    }

    private static HttpResponse<byte[]> get(URI url, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url);
        if (range != null) {
            request.header("Range", range);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
