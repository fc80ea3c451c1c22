package io.stereospot.server.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.contract.ChunkKey;
import io.stereospot.media.FfmpegBinaries;
import io.stereospot.media.process.ExternalProcess;
import io.stereospot.server.testing.Frames;
import io.stereospot.server.testing.TestChunks;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clip whose depth the model-free estimator knows, through the real depth converter, measured by block matching
 * between the halves. The scene: a strongly textured object low in the middle of the frame over a faintly textured
 * background, still for 5 s. The estimator puts the object nearest (low in the frame and most detail: the top of
 * its normalised range) and the top of the background farthest (high and little detail: the bottom of it).
 */
class DepthConversionTest {

    static final int SOURCE_WIDTH_PX = 640;
    static final int SOURCE_HEIGHT_PX = 360;
    static final int VIEW_WIDTH_PX = SOURCE_WIDTH_PX / 2;
    /** Not the default (2), so a converter that ignored the setting would show. */
    static final double STRENGTH_PERCENT = 3.0;
    static final double FULL_RANGE_PX = STRENGTH_PERCENT / 100 * VIEW_WIDTH_PX;

    @TempDir
    static Path dir;
    static Path chunk;
    static Path depth;
    static Path sbs;

    @BeforeAll
    static void convert() throws Exception {
        chunk = stillChunk(dir);
        depth = dir.resolve("depth.mp4");
        ConverterSettings.depth(0, 0, new DepthSettings(STRENGTH_PERCENT, 0.5, null)).create()
                .convert(chunk, depth, new ChunkKey("still", 0));
        sbs = dir.resolve("sbs.mp4");
        ConverterSettings.sbs().create().convert(chunk, sbs);
    }

    @Test
    void theNearObjectIsAheadOfTheBackgroundByTheDivergenceAndTheBackgroundBehindTheScreen() throws Exception {
        StereoHalves halves = halvesAt(depth, 2.0);
        double object = objectDisparity(halves);
        double background = backgroundDisparity(halves);
        System.out.printf("disparity: object %.2f px, background %.2f px, full range %.2f px%n", object, background,
                FULL_RANGE_PX);
        assertThat(object - background).as("near object ahead of the far background by the divergence")
                .isBetween(0.8 * FULL_RANGE_PX, 1.2 * FULL_RANGE_PX);
        // Convergence 0.5: the far background behind the screen (uncrossed: further left in the left view), by
        // about half the range, and the object in front.
        assertThat(background).as("background behind the screen").isBetween(-0.6 * FULL_RANGE_PX, -0.3 * FULL_RANGE_PX);
        assertThat(object).as("object in front of the screen").isPositive();
    }

    @Test
    void convergenceZeroPutsTheBackgroundOnTheScreen() throws Exception {
        Path out = dir.resolve("depth-convergence-0.mp4");
        ConverterSettings.depth(0, 0, new DepthSettings(STRENGTH_PERCENT, 0.0, null)).create().convert(chunk, out);
        StereoHalves halves = halvesAt(out, 2.0);
        double background = backgroundDisparity(halves);
        double object = objectDisparity(halves);
        System.out.printf("convergence 0: object %.2f px, background %.2f px%n", object, background);
        assertThat(background).as("background on the screen plane").isBetween(-0.2 * FULL_RANGE_PX, 0.2 * FULL_RANGE_PX);
        assertThat(object).as("object in front by the whole range").isBetween(0.8 * FULL_RANGE_PX, 1.2 * FULL_RANGE_PX);
    }

    @Test
    void theFrameBordersAreAtZeroParallax() throws Exception {
        StereoHalves halves = halvesAt(depth, 2.0);
        double leftBorder = halves.columnDifference(0, 2);
        double rightBorder = halves.columnDifference(VIEW_WIDTH_PX - 2, VIEW_WIDTH_PX);
        double inside = halves.columnDifference(24, 26);
        System.out.printf("|left - right| at the borders %.2f and %.2f, inside %.2f%n", leftBorder, rightBorder,
                inside);
        assertThat(inside).as("the measure sees parallax where there is some").isGreaterThan(6.0);
        assertThat(leftBorder).as("left border").isLessThan(inside / 3);
        assertThat(rightBorder).as("right border").isLessThan(inside / 3);
    }

    @Test
    void aStillSceneStaysStillFromFrameToFrame() throws Exception {
        double[] objects = new double[5];
        double[] backgrounds = new double[5];
        for (int i = 0; i < objects.length; i++) {
            StereoHalves halves = halvesAt(depth, 0.1 + i);
            objects[i] = objectDisparity(halves);
            backgrounds[i] = backgroundDisparity(halves);
        }
        System.out.printf("object %s, background %s%n", java.util.Arrays.toString(objects),
                java.util.Arrays.toString(backgrounds));
        for (int i = 1; i < objects.length; i++) {
            assertThat(Math.abs(objects[i] - objects[i - 1])).as("object, second %d", i).isLessThan(0.5);
            assertThat(Math.abs(backgrounds[i] - backgrounds[i - 1])).as("background, second %d", i).isLessThan(0.5);
        }
    }

    @Test
    void theSegmentHasTheFramesTimestampsAndAudioOfTheSbsOne() throws Exception {
        for (String field : List.of("width", "height", "nb_frames", "start_time", "duration", "r_frame_rate", "pix_fmt",
                "chroma_location", "sample_aspect_ratio")) {
            assertThat(Frames.probe(depth, "v:0", field)).as("video " + field).isEqualTo(Frames.probe(sbs, "v:0", field));
        }
        for (String field : List.of("codec_name", "nb_frames", "start_time", "duration")) {
            assertThat(Frames.probe(depth, "a:0", field)).as("audio " + field).isEqualTo(Frames.probe(sbs, "a:0", field));
        }
        assertThat(Frames.probe(depth, "v:0", "nb_frames")).isEqualTo("150");
        assertThat(keyframeTimes(depth)).as("a keyframe every second").isEqualTo(keyframeTimes(sbs))
                .hasSize(5);
    }

    @Test
    void aChunkWhoseVideoStartsAfterItsAudioKeepsThatStartAsSbsDoes() throws Exception {
        // A capture's audio may begin a few frames before its video; sbs keeps the gap, raw frames would lose it.
        Path late = dir.resolve("late-video.mp4");
        ExternalProcess.Result made = ExternalProcess.run(List.of(FfmpegBinaries.ffmpeg().toString(), "-nostdin",
                "-loglevel", "error", "-y", "-itsoffset", "0.1", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "3", "-c:v", "libx264",
                "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", late.toString()), null,
                Duration.ofSeconds(60));
        assertThat(made.succeeded()).as(made.stderrTail()).isTrue();
        Path lateDepth = dir.resolve("late-depth.mp4");
        Path lateSbs = dir.resolve("late-sbs.mp4");
        ConverterSettings.depth().create().convert(late, lateDepth);
        ConverterSettings.sbs().create().convert(late, lateSbs);
        assertThat(Frames.probe(lateSbs, "v:0", "start_time")).as("the gap this test is about").isEqualTo("0.100000");
        for (String field : List.of("nb_frames", "start_time", "duration")) {
            assertThat(Frames.probe(lateDepth, "v:0", field)).as("video " + field)
                    .isEqualTo(Frames.probe(lateSbs, "v:0", field));
        }
    }

    private static double objectDisparity(StereoHalves h) {
        // Inside the object (x 35–65 %, y 50–90 % of the frame), away from its edges.
        return h.medianDisparityPx(VIEW_WIDTH_PX * 40 / 100, SOURCE_HEIGHT_PX * 60 / 100, VIEW_WIDTH_PX * 60 / 100,
                SOURCE_HEIGHT_PX * 85 / 100);
    }

    private static double backgroundDisparity(StereoHalves h) {
        // The top band, inside the border ramp.
        return h.medianDisparityPx(VIEW_WIDTH_PX * 15 / 100, 0, VIEW_WIDTH_PX * 85 / 100, SOURCE_HEIGHT_PX * 12 / 100);
    }

    private static StereoHalves halvesAt(Path media, double seconds) throws Exception {
        return new StereoHalves(Frames.at(media, seconds, null, SOURCE_WIDTH_PX, SOURCE_HEIGHT_PX, dir));
    }

    private static List<String> keyframeTimes(Path media) throws Exception {
        ExternalProcess.Result r = ExternalProcess.run(List.of(FfmpegBinaries.ffprobe().toString(), "-v", "error",
                "-select_streams", "v:0", "-skip_frame", "nokey", "-show_entries", "frame=pts_time", "-of", "csv=p=0",
                media.toString()), null, Duration.ofSeconds(60));
        return r.stdout().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** 5 s of one still picture (4×4 px texture cells: faint for the background, strong for the object) and a tone. */
    static Path stillChunk(Path dir) throws Exception {
        BufferedImage image = new BufferedImage(SOURCE_WIDTH_PX, SOURCE_HEIGHT_PX, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(24);
        for (int y = 0; y < SOURCE_HEIGHT_PX; y += 4) {
            for (int x = 0; x < SOURCE_WIDTH_PX; x += 4) {
                boolean object = x >= SOURCE_WIDTH_PX * 35 / 100 && x < SOURCE_WIDTH_PX * 65 / 100
                        && y >= SOURCE_HEIGHT_PX * 50 / 100 && y < SOURCE_HEIGHT_PX * 90 / 100;
                int level = object ? 128 + random.nextInt(201) - 100 : 110 + random.nextInt(61) - 30;
                int rgb = object ? (level << 16) | (level / 2 << 8) | 40 : (level / 2 << 16) | (level << 8) | level;
                for (int yy = y; yy < y + 4; yy++) {
                    for (int xx = x; xx < x + 4; xx++) {
                        image.setRGB(xx, yy, rgb);
                    }
                }
            }
        }
        return TestChunks.still(image, dir, "still");
    }
}
