package io.stereospot.server.convert.depth.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.stereospot.server.convert.depth.DepthEstimator;
import io.stereospot.server.testing.TestDepthModels;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model download against a real HTTP server on 127.0.0.1 serving the test-made depth model: a good file, a
 * corrupt one, one cut off half-way, a 404; and {@link DepthModels#open} downloading, keeping and reusing it.
 */
class DepthModelDownloadTest {

    /** SHA-256 of {@link TestDepthModels#redIsNear(Path)}'s bytes, pinned here as the app pins the real model's. */
    private static final String TEST_MODEL_SHA256 =
            "ee6890e562ee2a662f8a1343002df19bd9f6695fbcb06fd9899de3b8a0c329af";

    @TempDir
    Path dir;
    private final CountDownLatch testOver = new CountDownLatch(1);
    private HttpServer server;
    private byte[] model;
    private Path models;

    @BeforeEach
    void serve() throws IOException {
        model = Files.readAllBytes(TestDepthModels.redIsNear(dir.resolve("served.onnx")));
        byte[] corrupt = model.clone();
        corrupt[corrupt.length / 2] ^= 0x01;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/good.onnx", exchange -> {
            exchange.sendResponseHeaders(200, model.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(model);
            }
        });
        server.createContext("/corrupt.onnx", exchange -> {
            exchange.sendResponseHeaders(200, corrupt.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(corrupt);
            }
        });
        server.createContext("/half.onnx", exchange -> {
            exchange.sendResponseHeaders(200, model.length);
            OutputStream body = exchange.getResponseBody();
            body.write(model, 0, model.length / 2);
            body.flush();
            // Closing a fixed-length body short makes the server drop the connection: a cut-off download.
            exchange.close();
        });
        server.createContext("/stalls.onnx", exchange -> {
            exchange.sendResponseHeaders(200, model.length);
            OutputStream body = exchange.getResponseBody();
            body.write(model, 0, model.length / 2);
            body.flush();
            // A connection that goes quiet without closing, until the test is over.
            try {
                testOver.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.createContext("/moved.onnx", exchange -> {
            exchange.getResponseHeaders().add("Location", "/good.onnx");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
        models = dir.resolve("data").resolve("models");
    }

    @AfterEach
    void stop() {
        testOver.countDown();
        server.stop(0);
    }

    @Test
    void aGoodFileIsCheckedAndPutInPlaceWithProgressUpToItsLength() throws Exception {
        assertThat(sha256(model)).isEqualTo(TEST_MODEL_SHA256);
        List<long[]> progress = new ArrayList<>();
        Path target = models.resolve("depth.onnx");

        Path kept = DepthModelDownload.fetch(source("/moved.onnx"), target,
                (soFar, total) -> progress.add(new long[] {soFar, total}));

        assertThat(kept).isEqualTo(target);
        assertThat(Files.readAllBytes(target)).isEqualTo(model);
        assertThat(filesIn(models)).containsExactly("depth.onnx");
        assertThat(progress).isNotEmpty();
        assertThat(progress.get(progress.size() - 1)).containsExactly(model.length, model.length);
        for (int i = 1; i < progress.size(); i++) {
            assertThat(progress.get(i)[0]).isGreaterThan(progress.get(i - 1)[0]);
        }
    }

    @Test
    void aCorruptFileIsRefusedAndNothingIsLeftBehind() {
        assertThatThrownBy(() -> DepthModelDownload.fetch(source("/corrupt.onnx"), models.resolve("depth.onnx"),
                DownloadProgress.NONE))
                .isInstanceOf(DepthModelUnusable.class)
                .hasMessage("The downloaded depth model does not match the published one (its SHA-256 differs); it "
                        + "was not kept.");
        assertThat(filesIn(models)).isEmpty();
    }

    @Test
    void anInterruptedDownloadIsRefusedAndNothingIsLeftBehind() {
        assertThatThrownBy(() -> DepthModelDownload.fetch(source("/half.onnx"), models.resolve("depth.onnx"),
                DownloadProgress.NONE))
                .isInstanceOf(DepthModelUnusable.class)
                .hasMessageStartingWith("The depth model download was interrupted after ")
                .hasMessageEndingWith("; the partial file was removed.");
        assertThat(filesIn(models)).isEmpty();
    }

    @Test
    void aDownloadThatStopsComingIsRefusedAfterTheStallTimeoutAndNothingIsLeftBehind() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> DepthModelDownload.fetch(source("/stalls.onnx"), models.resolve("depth.onnx"),
                DownloadProgress.NONE, Duration.ofSeconds(1)))
                .isInstanceOf(DepthModelUnusable.class)
                .hasMessageStartingWith("The depth model download was interrupted after ")
                .hasMessageEndingWith(" (no data came for 1 s); the partial file was removed.");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(filesIn(models)).isEmpty();
    }

    @Test
    void aServerThatAnswers404IsRefusedWithASentence() {
        DepthModelSource missing = source("/missing.onnx");

        assertThatThrownBy(() -> DepthModelDownload.fetch(missing, models.resolve("depth.onnx"),
                DownloadProgress.NONE))
                .isInstanceOf(DepthModelUnusable.class)
                .hasMessage("The depth model could not be downloaded: 127.0.0.1 answered HTTP 404 for "
                        + missing.url() + ".");
        assertThat(filesIn(models)).isEmpty();
    }

    @Test
    void aFileThatIsNotADepthModelIsNotKeptEvenWhenItsHashMatches() throws Exception {
        byte[] relu = Files.readAllBytes(TestDepthModels.notADepthModel(dir.resolve("relu.onnx")));
        server.createContext("/relu.onnx", exchange -> {
            exchange.sendResponseHeaders(200, relu.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(relu);
            }
        });
        DepthModelSource reluSource = new DepthModelSource("relu", url("/relu.onnx"), 1, 10_000, sha256(relu),
                "depth.onnx");

        assertThatThrownBy(() -> DepthModelDownload.fetch(reluSource, models.resolve("depth.onnx"),
                DownloadProgress.NONE))
                .isInstanceOf(DepthModelUnusable.class)
                .hasMessageStartingWith("The downloaded depth model was not kept. This file is not a depth model "
                        + "StereoSpot can use: its input is [1, 10]");
        assertThat(filesIn(models)).isEmpty();
    }

    @Test
    void openDownloadsOnFirstUseThenUsesTheKeptFileWithoutTheNetwork() {
        Path dataDir = dir.resolve("data");
        assertThat(DepthModels.present(dataDir)).isEmpty();

        DepthModels.Opened first = DepthModels.open(Optional.empty(), dataDir, Optional.of(source("/good.onnx")),
                28, 1, DownloadProgress.NONE);
        first.estimator().ifPresent(DepthEstimator::close);
        server.stop(0);
        DepthModels.Opened offline = DepthModels.open(Optional.empty(), dataDir, Optional.empty(), 28, 1,
                DownloadProgress.NONE);

        assertThat(first.whyNot()).isEmpty();
        assertThat(DepthModels.present(dataDir)).contains(DepthModels.keptFile(dataDir));
        assertThat(offline.whyNot()).isEmpty();
        try (DepthEstimator estimator = offline.estimator().orElseThrow()) {
            assertThat(estimator.describe()).contains(DepthModels.keptFile(dataDir).getFileName().toString());
        }
    }

    @Test
    void withNothingKeptAFailedOrSwitchedOffDownloadGivesASentenceInsteadOfAnEstimator() {
        Path dataDir = dir.resolve("data");

        DepthModels.Opened off = DepthModels.open(Optional.empty(), dataDir, Optional.empty(), 28, 1,
                DownloadProgress.NONE);
        DepthModels.Opened failed = DepthModels.open(Optional.empty(), dataDir,
                Optional.of(source("/half.onnx")), 28, 1, DownloadProgress.NONE);

        assertThat(off.estimator()).isEmpty();
        assertThat(off.whyNot()).contains("The depth model is not downloaded and downloading it is switched off "
                + "(STEREOSPOT_DEPTH_MODEL_URL=off).");
        assertThat(failed.estimator()).isEmpty();
        assertThat(failed.whyNot().orElseThrow()).startsWith("The depth model download was interrupted");
        assertThat(DepthModels.present(dataDir)).isEmpty();
    }

    @Test
    void theDownloadAddressCanBeMovedOrSwitchedOffButKeepsThePinnedHash() {
        Map<String, String> none = Map.of();
        Map<String, String> mirror = Map.of(DepthModelSource.URL_VARIABLE, "http://127.0.0.1:9/model.onnx");
        Map<String, String> off = Map.of(DepthModelSource.URL_VARIABLE, "off");

        assertThat(DepthModelSource.configured(none::get, none::get))
                .contains(DepthModelSource.DEPTH_ANYTHING_V2_SMALL);
        assertThat(DepthModelSource.configured(none::get, mirror::get).orElseThrow())
                .extracting(DepthModelSource::url, DepthModelSource::sha256Hex)
                .containsExactly(URI.create("http://127.0.0.1:9/model.onnx"),
                        DepthModelSource.DEPTH_ANYTHING_V2_SMALL.sha256Hex());
        assertThat(DepthModelSource.configured(Map.of(DepthModelSource.URL_PROPERTY, "off")::get, mirror::get))
                .isEmpty();
        assertThat(DepthModelSource.configured(none::get, off::get)).isEmpty();
    }

    private DepthModelSource source(String path) {
        return new DepthModelSource("test depth model", url(path), 1, 10_000, TEST_MODEL_SHA256, "depth.onnx");
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static List<String> filesIn(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
