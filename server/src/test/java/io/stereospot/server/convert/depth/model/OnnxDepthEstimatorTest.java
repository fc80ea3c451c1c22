package io.stereospot.server.convert.depth.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.stereospot.server.convert.depth.DepthEstimator;
import io.stereospot.server.convert.depth.DepthMap;
import io.stereospot.server.convert.depth.RgbFrame;
import io.stereospot.server.testing.TestDepthModels;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ONNX model path on real ONNX Runtime, with depth models the test makes (see {@link TestDepthModels}). */
class OnnxDepthEstimatorTest {

    /** ImageNet-normalised red channel of a pure red and of a black pixel: what the test model outputs. */
    private static final float RED = (1f - 0.485f) / 0.229f;
    private static final float BLACK = (0f - 0.485f) / 0.229f;

    @TempDir
    Path dir;

    @Test
    void aDynamicModelTakesTheWorkingSizeAndGivesTheKnownMap() throws Exception {
        Path model = TestDepthModels.redIsNear(dir.resolve("dynamic.onnx"));
        try (OnnxDepthEstimator estimator = OnnxDepthEstimator.open(model, 60, 1)) {
            DepthMap map = estimator.estimate(redLeftBlackRight(128, 72));

            assertThat(estimator.inputSize()).isEqualTo(new OnnxDepthEstimator.InputSize(56, 56));
            assertThat(map.widthPx()).isEqualTo(56);
            assertThat(map.heightPx()).isEqualTo(56);
            for (int y = 0; y < 56; y += 11) {
                assertThat(map.at(3, y)).isCloseTo(RED, within(0.01f));
                assertThat(map.at(52, y)).isCloseTo(BLACK, within(0.01f));
            }
            assertThat(map.at(20, 20)).isGreaterThan(map.at(36, 20));
        }
    }

    @Test
    void aFixedSizeModelIsFedAtItsOwnSize() throws Exception {
        Path model = TestDepthModels.redIsNear(dir.resolve("fixed.onnx"), 28);
        try (OnnxDepthEstimator estimator = OnnxDepthEstimator.open(model, 196, 1)) {
            DepthMap map = estimator.estimate(redLeftBlackRight(64, 48));

            assertThat(map.widthPx()).isEqualTo(28);
            assertThat(map.heightPx()).isEqualTo(28);
            assertThat(map.at(0, 14)).isCloseTo(RED, within(0.01f));
            assertThat(map.at(27, 14)).isCloseTo(BLACK, within(0.01f));
            assertThat(estimator.describe()).contains("fixed.onnx").contains("28x28").contains("CPU");
        }
    }

    @Test
    void aModelWithoutADepthModelsShapesIsRefusedWithASentence() {
        Path model = TestDepthModels.notADepthModel(dir.resolve("relu.onnx"));

        assertThatThrownBy(() -> OnnxDepthEstimator.open(model, 196, 1))
                .isInstanceOf(DepthModelUnusable.class)
                .hasMessage("This file is not a depth model StereoSpot can use: its input is [1, 10], not an image "
                        + "[1, 3, H, W].");
    }

    @Test
    void aFileThatIsNotOnnxIsRefusedWithASentence() throws Exception {
        Path notOnnx = Files.writeString(dir.resolve("notes.onnx"), "these are not weights");

        assertThatThrownBy(() -> OnnxDepthEstimator.open(notOnnx, 196, 1))
                .isInstanceOf(DepthModelUnusable.class)
                .hasMessageStartingWith("This file is not a depth model StereoSpot can use: ONNX Runtime cannot read "
                        + "it (");
    }

    @Test
    void theUsersOwnModelFileIsUsedWithoutADownload() {
        Path model = TestDepthModels.redIsNear(dir.resolve("mine.onnx"));

        DepthModels.Opened opened = DepthModels.open(Optional.of(model), dir.resolve("data"), Optional.empty(), 28,
                1, DownloadProgress.NONE);

        assertThat(opened.whyNot()).isEmpty();
        try (DepthEstimator estimator = opened.estimator().orElseThrow()) {
            assertThat(estimator.describe()).contains("mine.onnx");
            DepthMap map = estimator.estimate(redLeftBlackRight(40, 30));
            assertThat(map.at(0, 0)).isGreaterThan(map.at(map.widthPx() - 1, 0));
        }
        assertThat(DepthModels.present(dir.resolve("data"))).isEmpty();
    }

    @Test
    void aUsersFileThatIsMissingOrWrongGivesTheSentenceAndNoEstimator() {
        Path missing = dir.resolve("nowhere.onnx");
        Path wrong = TestDepthModels.notADepthModel(dir.resolve("relu.onnx"));

        DepthModels.Opened none = DepthModels.open(Optional.of(missing), dir, Optional.empty(), 28, 1,
                DownloadProgress.NONE);
        DepthModels.Opened refused = DepthModels.open(Optional.of(wrong), dir, Optional.empty(), 28, 1,
                DownloadProgress.NONE);

        assertThat(none.estimator()).isEmpty();
        assertThat(none.whyNot()).contains("The depth model " + missing + " does not exist.");
        assertThat(refused.estimator()).isEmpty();
        assertThat(refused.whyNot().orElseThrow()).startsWith("The depth model " + wrong + " cannot be used. "
                + "This file is not a depth model StereoSpot can use: its input is [1, 10]");
    }

    @Test
    void anOnnxRuntimeWhoseNativeLibraryDoesNotLoadIsASentenceNotACrashAndNothingIsDownloaded() throws Exception {
        Path model = TestDepthModels.redIsNear(dir.resolve("mine.onnx"));
        String java = ProcessHandle.current().info().command().orElse("java");
        // ONNX Runtime loads its native library once per JVM, so the failure is staged in a JVM of its own.
        Process jvm = new ProcessBuilder(java, "-Donnxruntime.native.path=" + dir.resolve("no-natives"), "-cp",
                System.getProperty("java.class.path"), WithoutNatives.class.getName(), model.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String out = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(jvm.exitValue()).isZero();
            // The first failure names the missing library; later ones in that JVM only that the class cannot load.
            String sentence = "ONNX Runtime, which runs depth models, does not start on this machine (";
            assertThat(out.lines().filter(line -> line.startsWith("fetched: ")))
                    .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .startsWith("fetched: " + sentence);
            assertThat(out.lines().filter(line -> line.startsWith("direct: ")))
                    .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .startsWith("direct: " + sentence);
            assertThat(out.lines().filter(line -> line.startsWith("why not: ")))
                    .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .startsWith("why not: ONNX Runtime, which runs depth models, does not start on this machine "
                            + "(java.io.IOException: Native library 'onnxruntime' not found");
        } finally {
            jvm.destroyForcibly();
        }
    }

    /** Opens the model named by its argument and prints why it could not be used. */
    public static final class WithoutNatives {
        public static void main(String[] args) {
            Path model = Path.of(args[0]);
            DepthModels.Opened own = DepthModels.open(Optional.of(model), model.getParent(), Optional.empty(), 28, 1,
                    DownloadProgress.NONE);
            // A download address that answers nothing: the runtime check must come before any attempt.
            DepthModels.Opened fetched = DepthModels.open(Optional.empty(), model.getParent(),
                    Optional.of(DepthModelSource.DEPTH_ANYTHING_V2_SMALL.withUrl(URI.create("http://127.0.0.1:9/m"))),
                    28, 1, DownloadProgress.NONE);
            System.out.println("why not: " + own.whyNot().orElse("(an estimator)"));
            System.out.println("fetched: " + fetched.whyNot().orElse("(an estimator)"));
            try {
                System.out.println("direct: " + OnnxDepthEstimator.open(model, 28, 1).describe());
            } catch (DepthModelUnusable e) {
                System.out.println("direct: " + e.getMessage());
            }
        }
    }

    private static RgbFrame redLeftBlackRight(int widthPx, int heightPx) {
        byte[] rgb = new byte[widthPx * heightPx * 3];
        for (int y = 0; y < heightPx; y++) {
            for (int x = 0; x < widthPx / 2; x++) {
                rgb[(y * widthPx + x) * 3] = (byte) 255;
            }
        }
        return new RgbFrame(widthPx, heightPx, rgb);
    }
}
