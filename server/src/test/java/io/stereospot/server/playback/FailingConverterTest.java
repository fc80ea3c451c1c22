package io.stereospot.server.playback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.contract.ObjectKeys;
import io.stereospot.contract.SessionStatus;
import io.stereospot.media.testenv.Await;
import io.stereospot.server.convert.ConversionWorker;
import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.testing.Frames;
import io.stereospot.server.testing.Frames.Rgb;
import io.stereospot.server.testing.HlsProbe;
import io.stereospot.server.testing.LogCapture;
import io.stereospot.server.testing.PlaybackHarness;
import io.stereospot.server.testing.TestChunks;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code command} converter that fails for one chunk, on the real server: the stream is not frozen. The chunk is
 * served flat, the playlist reaches ENDLIST with every index, and the segment's side object, the log and
 * {@code GET /stream_sessions/{id}} say so. The converter is {@code sh}: it exits 1 (with a line on stderr that
 * names its input file) when its input is chunk 2, and copies any other chunk.
 */
class FailingConverterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNKS = 4;
    private static final int FAILING = 2;
    private static final int WIDTH = 160;
    private static final int HEIGHT = 120;
    private static final String FRAME_60 = "select=eq(n\\,60)";

    @TempDir
    Path dir;

    @Test
    void aChunkTheConverterCannotConvertIsServedFlatAndTheStreamGoesOn() throws Exception {
        List<Path> chunks = TestChunks.make(dir.resolve("chunks"), CHUNKS, WIDTH, HEIGHT);
        String failsOnChunk2 = "sh -c 'if cmp -s \"$1\" " + chunks.get(FAILING) + "; then "
                + "echo \"depth model crashed on $1\" >&2; exit 1; fi; cp \"$1\" \"$2\"' converter {input} {output}";
        PlaybackSettings settings = PlaybackSettings.defaults().withConverter(ConverterSettings.command(failsOnChunk2));
        settings = settings.withWorker(settings.worker().withRetryBackoff(Duration.ofMillis(50)));

        try (LogCapture log = new LogCapture(ConversionWorker.class);
                PlaybackHarness harness = PlaybackHarness.start(dir, settings)) {
            long started = System.nanoTime();
            String session = harness.finishedSession(chunks, Duration.ofSeconds(60));
            System.out.printf("failing converter: ENDLIST with %d segments %.1f s after the first upload%n", CHUNKS,
                    (System.nanoTime() - started) / 1e9);

            String playlist = harness.playlist(session);
            for (int i = 0; i < CHUNKS; i++) {
                assertThat(playlist).as("every index listed").contains(ObjectKeys.transportStreamName(i));
            }

            // The status endpoint says which segment is flat and why, without the converter's file paths.
            HttpResponse<String> answer = harness.get(harness.baseUrl().resolve("/stream_sessions/" + session));
            assertThat(answer.statusCode()).isEqualTo(200);
            SessionStatus status = JSON.readValue(answer.body(), SessionStatus.class);
            System.out.println("status: " + answer.body());
            assertThat(status.state()).isEqualTo(SessionStatus.ENDED);
            assertThat(status.chunksReceived()).isEqualTo(CHUNKS);
            assertThat(status.segmentsReady()).isEqualTo(CHUNKS);
            assertThat(status.chunksBehind()).isZero();
            assertThat(status.fallbackSegments()).containsExactly(FAILING);
            assertThat(status.lastConversionError()).contains("exited with status 1", "depth model crashed on")
                    .doesNotContain("/");

            // The segment's side object marks it; its neighbours are unmarked.
            JsonNode side = JSON.readTree(harness.bucket().bytes(ObjectKeys.segmentDuration(session, FAILING))
                    .orElseThrow());
            assertThat(side.path("fallback").asText()).isEqualTo("sbs");
            assertThat(side.path("conversion_error").asText()).contains("depth model crashed");
            assertThat(side.path("duration_seconds").asDouble()).isGreaterThan(4.0);
            JsonNode converted = JSON.readTree(harness.bucket().bytes(ObjectKeys.segmentDuration(session, 1))
                    .orElseThrow());
            assertThat(converted.has("fallback")).isFalse();

            // The server's log says so, with the converter's stderr.
            assertThat(log.messages(Level.ERROR)).singleElement().asString()
                    .contains("chunk " + FAILING, "served flat (sbs)", "depth model crashed on");

            // Served flat: segment 2 as players get it decodes to the SBS layout of chunk 2 (both halves the
            // chunk squeezed); segment 1, which the converter copied, is no such picture.
            Path flat = fetch(harness, session, FAILING);
            Path copied = fetch(harness, session, 1);
            // (ffprobe prints an MPEG-TS stream's fields once for its program and once for itself)
            assertThat(Frames.probe(flat, "v:0", "codec_name")).startsWith("h264");
            assertThat(Frames.probe(flat, "a:0", "codec_name")).as("audio kept").startsWith("aac");
            assertThat(Frames.probe(flat, "v:0", "width")).startsWith(String.valueOf(WIDTH));
            // Frame 60 (2 s in) picked by number: seeking with -ss in these MPEG-TS files lands on nothing.
            Rgb flatFrame = Frames.at(flat, 0, FRAME_60, WIDTH, HEIGHT, dir);
            Rgb left = flatFrame.crop(0, 0, WIDTH / 2, HEIGHT);
            Rgb right = flatFrame.crop(WIDTH / 2, 0, WIDTH / 2, HEIGHT);
            Rgb chunkSqueezed = Frames.at(chunks.get(FAILING), 0, FRAME_60 + ",scale=" + WIDTH / 2 + ":" + HEIGHT, WIDTH / 2,
                    HEIGHT, dir);
            Rgb copiedFrame = Frames.at(copied, 0, FRAME_60, WIDTH, HEIGHT, dir);
            double halves = left.meanAbsDiff(right);
            double toChunk = left.meanAbsDiff(chunkSqueezed);
            double copiedHalves = copiedFrame.crop(0, 0, WIDTH / 2, HEIGHT)
                    .meanAbsDiff(copiedFrame.crop(WIDTH / 2, 0, WIDTH / 2, HEIGHT));
            System.out.printf("flat segment: halves differ by %.2f, left half vs chunk squeezed %.2f; "
                    + "copied segment's halves differ by %.2f (of 255)%n", halves, toChunk, copiedHalves);
            assertThat(halves).as("the two halves of the flat segment").isLessThan(3.0);
            assertThat(toChunk).as("a half vs chunk 2 squeezed").isLessThan(8.0);
            assertThat(copiedHalves).as("the halves of a copied, non-SBS segment").isGreaterThan(20.0);

            // The whole stream still plays through, frame by frame, with the flat segment in it.
            HlsProbe.Report report = HlsProbe.of(harness.playlistUrl(session));
            assertThat(report.videoFrames()).isEqualTo((long) CHUNKS * TestChunks.FRAMES_PER_CHUNK);
            assertThat(report.nonMonotonic()).isEmpty();
        }
    }

    private Path fetch(PlaybackHarness harness, String session, int index) throws Exception {
        Path file = dir.resolve(ObjectKeys.transportStreamName(index));
        HttpResponse<byte[]> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(harness.baseUrl().resolve("/stream/" + session + "/"
                        + ObjectKeys.transportStreamName(index))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        Files.write(file, response.body());
        return file;
    }
}
