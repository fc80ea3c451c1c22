package io.stereospot.server.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.contract.ChunkKey;
import io.stereospot.media.testenv.Await;
import io.stereospot.server.convert.depth.ApproximateDepth;
import io.stereospot.server.convert.depth.DepthEstimator;
import io.stereospot.server.convert.depth.DepthMap;
import io.stereospot.server.convert.depth.DepthSource;
import io.stereospot.server.convert.depth.RgbFrame;
import io.stereospot.server.convert.depth.model.DepthModelLoop;
import io.stereospot.server.convert.depth.model.DepthModels;
import io.stereospot.server.testing.Frames;
import io.stereospot.server.testing.TestChunks;
import io.stereospot.server.testing.TestDepthModels;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The depth model joins a running stream at a chunk boundary: chunks start with the model-free depth while the model
 * loads, and the first chunk after it is ready uses it, with the status going from approximate to the model. A file
 * that is no model leaves the approximate depth, with the sentence why.
 *
 * <p>The scene tells the two apart: a red band at the top and a band without red at the bottom, equally textured
 * (in green and blue). The model-free depth puts the bottom nearer (lower in the frame); the test-made model, which
 * reads red as near, puts the top nearer.
 */
class DepthModelSwitchTest {

    private static final int WIDTH_PX = 640;
    private static final int HEIGHT_PX = 360;
    private static final Duration MODEL_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void chunksUseTheModelFromTheFirstOneAfterItIsReady() throws Exception {
        Path model = TestDepthModels.redIsNear(dir.resolve("red-is-near.onnx"));
        Path chunk = redTopChunk();
        CountDownLatch release = new CountDownLatch(1);
        List<DepthSource> seen = new CopyOnWriteArrayList<>();
        DepthModelLoop loop = DepthModelLoop.start("red-is-near.onnx", progress -> {
            awaitQuietly(release);
            return DepthModels.open(Optional.of(model), dir, Optional.empty(), 56, 1, progress);
        });
        try (DepthConverter converter = new DepthConverter(0, 0, DepthSettings.defaults(), loop)) {
            converter.depthStatus().orElseThrow().subscribe(seen::add);
            assertThat(seen).singleElement().isInstanceOf(DepthSource.Approximate.class);

            Path before = dir.resolve("before.mp4");
            converter.convert(chunk, before, new ChunkKey("s", 0));
            assertThat(topMinusBottomPx(before)).as("approximate depth: the bottom band nearer").isLessThan(-1.0);

            release.countDown();
            Await.until(() -> seen.get(seen.size() - 1) instanceof DepthSource.Model, MODEL_TIMEOUT,
                    "the model to be ready");
            Path after = dir.resolve("after.mp4");
            converter.convert(chunk, after, new ChunkKey("s", 1));
            assertThat(topMinusBottomPx(after)).as("the model's depth: the red top band nearer").isGreaterThan(1.0);
            assertThat(seen).first().isInstanceOf(DepthSource.Approximate.class);
            assertThat(seen).last().isEqualTo(new DepthSource.Model("red-is-near.onnx"));
            assertThat(converter.describeEstimator()).contains("red-is-near.onnx");
        }
    }

    @Test
    void aFileThatIsNoDepthModelLeavesApproximateDepthWithTheSentence() {
        Path notAModel = TestDepthModels.notADepthModel(dir.resolve("relu.onnx"));
        try (DepthModelLoop loop = DepthModelLoop.start(Optional.of(notAModel), dir)) {
            Await.until(() -> loop.status().current() instanceof DepthSource.Approximate approximate
                    && approximate.why().endsWith("The stream uses approximate depth."), MODEL_TIMEOUT,
                    "the model to be refused");
            String why = ((DepthSource.Approximate) loop.status().current()).why();
            assertThat(why).startsWith("The depth model " + notAModel + " cannot be used.")
                    .contains("not a depth model StereoSpot can use");
            assertThat(loop.estimator()).isInstanceOf(ApproximateDepth.class);
        }
    }

    @Test
    void aModelTooSlowToKeepUpIsNotUsedAndTheStatusSaysSo() {
        // Stands in for a depth model of 0.5 s a frame (an export fixed at 518 px on a laptop CPU takes 1.3 s).
        DepthEstimator slow = new DepthEstimator() {
            @Override
            public DepthMap estimate(RgbFrame frame) {
                LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
                return new DepthMap(1, 1, new float[] {0f});
            }

            @Override
            public String describe() {
                return "slow model";
            }
        };
        try (DepthModelLoop loop = DepthModelLoop.start("slow.onnx",
                progress -> new DepthModels.Opened(Optional.of(slow), Optional.empty()))) {
            Await.until(() -> loop.status().current() instanceof DepthSource.Approximate approximate
                    && approximate.why().contains("real time"), MODEL_TIMEOUT, "the slow model to be refused");
            assertThat(((DepthSource.Approximate) loop.status().current()).why())
                    .matches("The depth model slow\\.onnx takes \\d+ ms a frame on this computer, more than the 400 ms"
                            + " that keeps the stream in real time\\. The stream uses approximate depth\\.");
            assertThat(loop.estimator()).isInstanceOf(ApproximateDepth.class);
        }
    }

    /** Median disparity of the top band minus that of the bottom band, in a frame of {@code segment}. */
    private double topMinusBottomPx(Path segment) throws Exception {
        StereoHalves halves = new StereoHalves(Frames.at(segment, 2.0, null, WIDTH_PX, HEIGHT_PX, dir));
        int view = halves.widthPx();
        double top = halves.medianDisparityPx(view * 15 / 100, HEIGHT_PX * 5 / 100, view * 85 / 100,
                HEIGHT_PX * 30 / 100);
        double bottom = halves.medianDisparityPx(view * 15 / 100, HEIGHT_PX * 70 / 100, view * 85 / 100,
                HEIGHT_PX * 95 / 100);
        System.out.printf("%s: top %.2f px, bottom %.2f px%n", segment.getFileName(), top, bottom);
        return top - bottom;
    }

    /** 5 s of a still picture: the top half red with green/blue texture, the bottom half the same without red. */
    private Path redTopChunk() throws Exception {
        BufferedImage image = new BufferedImage(WIDTH_PX, HEIGHT_PX, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(24);
        for (int y = 0; y < HEIGHT_PX; y += 4) {
            for (int x = 0; x < WIDTH_PX; x += 4) {
                int level = 40 + random.nextInt(180);
                int rgb = (y < HEIGHT_PX / 2 ? 230 << 16 : 0) | (level << 8) | (255 - level);
                for (int yy = y; yy < y + 4; yy++) {
                    for (int xx = x; xx < x + 4; xx++) {
                        image.setRGB(xx, yy, rgb);
                    }
                }
            }
        }
        return TestChunks.still(image, dir, "red-top");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
