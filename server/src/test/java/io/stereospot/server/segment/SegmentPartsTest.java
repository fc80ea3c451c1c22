package io.stereospot.server.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stereospot.media.FfmpegBinaries;
import io.stereospot.media.process.ExternalProcess;
import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.testing.TestChunks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real SBS segment, remuxed to MPEG-TS as players get it, splits into parts a player can start on: each a byte
 * range that begins with the PAT, decodes on its own from a keyframe, and lasts about a second.
 */
class SegmentPartsTest {

    /** The SBS converter's forced keyframe spacing ({@code SbsConverter.KEYFRAME_EVERY_SECONDS}, inside convert). */
    private static final int SBS_KEYFRAME_EVERY_SECONDS = 1;

    @TempDir
    static Path dir;
    static Path chunk;

    @BeforeAll
    static void makeChunk() throws Exception {
        chunk = TestChunks.make(dir.resolve("chunks"), 1, 320, 240).get(0);
    }

    @Test
    void anSbsSegmentSplitsAtItsKeyframesEverySecondIntoPartsThatEachPlayOnTheirOwn() throws Exception {
        Path sbs = dir.resolve("sbs.mp4");
        ConverterSettings.sbs(640, 240).create().convert(chunk, sbs);
        Path ts = dir.resolve("sbs.ts");
        TransportStreamRemuxer.remux(sbs, 10.0, ts);
        TransportContinuity.carryOn(ts, Map.of());

        List<SegmentTimeline.Part> parts = SegmentParts.find(ts);

        System.out.println("parts: " + parts);
        assertThat(parts).hasSize(TestChunks.CHUNK_SECONDS / SBS_KEYFRAME_EVERY_SECONDS);
        byte[] bytes = Files.readAllBytes(ts);
        long next = 0;
        for (int i = 0; i < parts.size(); i++) {
            SegmentTimeline.Part part = parts.get(i);
            assertThat(part.offsetBytes()).as("part %d follows the one before", i).isEqualTo(next);
            assertThat(part.offsetBytes() % TransportContinuity.PACKET_BYTES).isZero();
            if (i > 0) {
                // The file itself starts with the SDT, then the PAT: a player starting at 0 reads both.
                assertThat(pid(bytes, (int) part.offsetBytes())).as("part %d starts with the PAT", i).isZero();
            }
            assertThat(part.startSeconds()).isCloseTo(i * 1.0, within(0.05));
            next = part.offsetBytes() + part.lengthBytes();

            Path alone = dir.resolve("part-" + i + ".ts");
            Files.write(alone, Arrays.copyOfRange(bytes, (int) part.offsetBytes(), (int) next));
            List<String> keyFlags = videoKeyFlags(alone);
            assertThat(keyFlags).as("part %d decodes on its own from a keyframe", i).isNotEmpty();
            assertThat(keyFlags.get(0)).isEqualTo("1");
            assertThat(keyFlags.size()).as("frames in part %d", i).isBetween(TestChunks.FRAME_RATE - 1,
                    TestChunks.FRAME_RATE + 1);
        }
        assertThat(next).as("the parts cover the file").isEqualTo(bytes.length);
    }

    @Test
    void aSegmentWithOneKeyframeIsOnePartThatIsTheWholeFile() throws Exception {
        Path ts = dir.resolve("chunk.ts");
        TransportStreamRemuxer.remux(chunk, 0.0, ts);
        assertThat(videoKeyFlags(ts).stream().filter("1"::equals).count()).as("the test chunk's keyframes").isOne();
        assertThat(SegmentParts.find(ts)).containsExactly(new SegmentTimeline.Part(0, Files.size(ts), 0));
    }

    private static int pid(byte[] ts, int at) {
        return ((ts[at + 1] & 0x1F) << 8) | (ts[at + 2] & 0xFF);
    }

    /** Each decoded video frame's key_frame flag, in order ("1" or "0"); decode errors fail the test. */
    private static List<String> videoKeyFlags(Path ts) throws Exception {
        ExternalProcess.Result result = ExternalProcess.run(List.of(FfmpegBinaries.ffprobe().toString(),
                "-v", "error", "-select_streams", "v:0", "-show_entries", "frame=key_frame", "-of", "csv=p=0",
                ts.toString()), null, Duration.ofSeconds(30));
        assertThat(result.succeeded()).as(result.stderrTail()).isTrue();
        assertThat(result.stderrTail()).as("decode errors").isBlank();
        // A key frame's line may carry more fields ("1,"): the flag is the first character.
        return result.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).map(l -> l.substring(0, 1))
                .toList();
    }
}
