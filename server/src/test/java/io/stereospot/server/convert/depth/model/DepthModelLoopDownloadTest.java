package io.stereospot.server.convert.depth.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.stereospot.media.testenv.Await;
import io.stereospot.server.convert.depth.DepthSource;
import io.stereospot.server.testing.TestDepthModels;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop's status through a download, from a server on 127.0.0.1 serving the test-made model: approximate while
 * it loads, the download's progress, then the model; and the kept file is what a later start opens, without a
 * download; closed mid-download, it ends the download and leaves nothing behind.
 */
class DepthModelLoopDownloadTest {

    @TempDir
    Path dir;

    @Test
    void theStatusGoesFromApproximateThroughTheDownloadToTheModel() throws Exception {
        byte[] model = Files.readAllBytes(TestDepthModels.redIsNear(dir.resolve("served.onnx")));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/model.onnx", exchange -> {
            exchange.sendResponseHeaders(200, model.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(model);
            }
        });
        server.start();
        try {
            DepthModelSource source = DepthModelSource.DEPTH_ANYTHING_V2_SMALL.withUrl(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/model.onnx"));
            source = new DepthModelSource(source.name(), source.url(), 1, 10_000_000, sha256(model),
                    source.fileName());
            DepthModelSource served = source;
            Path data = dir.resolve("data");
            List<DepthSource> seen = new CopyOnWriteArrayList<>();
            try (DepthModelLoop loop = DepthModelLoop.start(served.name(), progress -> DepthModels.open(
                    Optional.empty(), data, Optional.of(served), 56, 1, progress))) {
                loop.status().subscribe(seen::add);
                Await.until(() -> seen.get(seen.size() - 1) instanceof DepthSource.Model, Duration.ofSeconds(60),
                        "the downloaded model to be ready");
            }
            assertThat(seen.get(0)).isEqualTo(new DepthSource.Approximate(DepthModelLoop.LOADING));
            assertThat(seen).contains(new DepthSource.Downloading(model.length, model.length));
            assertThat(seen).last().isEqualTo(new DepthSource.Model("Depth-Anything-V2-Small"));
            assertThat(DepthModels.present(data)).contains(DepthModels.keptFile(data));

            server.stop(0);
            List<DepthSource> again = new CopyOnWriteArrayList<>();
            try (DepthModelLoop loop = DepthModelLoop.start(Optional.empty(), data)) {
                loop.status().subscribe(again::add);
                Await.until(() -> !(again.get(again.size() - 1) instanceof DepthSource.Approximate a
                        && a.why().equals(DepthModelLoop.LOADING)), Duration.ofSeconds(60), "the kept model to open");
            }
            assertThat(again).as("the kept file, no download (the server is gone)")
                    .noneMatch(s -> s instanceof DepthSource.Downloading)
                    .last().isEqualTo(new DepthSource.Model("Depth-Anything-V2-Small"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void closingTheLoopEndsItsDownloadAndLeavesNoPartialFile() throws Exception {
        byte[] model = Files.readAllBytes(TestDepthModels.redIsNear(dir.resolve("served.onnx")));
        CountDownLatch closed = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/model.onnx", exchange -> {
            exchange.sendResponseHeaders(200, model.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(model, 0, model.length / 2);
                body.flush();
                closed.await(60, TimeUnit.SECONDS);
                body.write(model, model.length / 2, model.length - model.length / 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        try {
            DepthModelSource served = new DepthModelSource("Test model",
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/model.onnx"), 1, 10_000_000,
                    sha256(model), "test.onnx");
            Path data = dir.resolve("data");
            DepthModelLoop loop = DepthModelLoop.start(served.name(), progress -> DepthModels.open(Optional.empty(),
                    data, Optional.of(served), 56, 1, progress));
            Await.until(() -> loop.status().current() instanceof DepthSource.Downloading, Duration.ofSeconds(30),
                    "the download to begin");
            loop.close();
            closed.countDown();
            Path models = DepthModels.keptFile(data).getParent();
            Await.until(() -> isEmpty(models), Duration.ofSeconds(30), "the partial download to be removed");
            assertThat(DepthModels.present(data)).as("nothing kept").isEmpty();
            assertThat(loop.status().current()).as("a closed loop reports nothing more")
                    .isInstanceOf(DepthSource.Downloading.class);
        } finally {
            server.stop(0);
        }
    }

    private static boolean isEmpty(Path folder) {
        try (var files = Files.list(folder)) {
            return files.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
