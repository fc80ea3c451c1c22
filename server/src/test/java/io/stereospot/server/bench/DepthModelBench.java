package io.stereospot.server.bench;

import io.stereospot.server.convert.depth.RgbFrame;
import io.stereospot.server.convert.depth.model.OnnxDepthEstimator;
import io.stereospot.server.testing.Latencies;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Not a test: milliseconds per depth frame of Depth-Anything-V2-Small's network on this CPU, through the app's own
 * {@link OnnxDepthEstimator} (resize and normalise of a 1280x720 frame included), with the random-weight stand-in
 * {@link DepthAnythingStandIn} at each input size, with 1 intra-op thread and with one per core. Prints the median,
 * the depth frames per second, the process CPU in cores and in CPU milliseconds a frame (what a frame costs
 * whatever else the machine is doing), and the model's share of converting a 5 s 30 fps chunk at
 * one depth frame every N video frames (decode, render and encode not included).
 *
 * <p>Run: {@code scripts/bench-depth-model.sh [sizes] [frames]} (defaults {@code 196,252,518} and 12), which passes
 * them as {@code -Dsizes} and {@code -Dframes} to {@code scripts/bench-playback.sh DepthModelBench}.
 */
public final class DepthModelBench {

    private static final int CHUNK_FRAMES = 150;
    private static final int[] EVERY_N_FRAMES = {1, 3, 5, 10, 15};

    private DepthModelBench() {
    }

    public static void main(String[] ignored) throws Exception {
        int[] sizes = Arrays.stream(System.getProperty("sizes", "196,252,518").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int frames = Integer.getInteger("frames", 12);
        int cores = Runtime.getRuntime().availableProcessors();
        RgbFrame frame = frame(1280, 720);
        Path dir = Files.createTempDirectory("stereospot-depth-bench");
        System.out.printf(Locale.ROOT, "Depth-Anything-V2-Small stand-in (random weights), %d cores, %s%n", cores,
                System.getProperty("os.arch"));
        for (int size : sizes) {
            Path file = dir.resolve("stand-in-" + size + ".onnx");
            DepthAnythingStandIn.Built built = DepthAnythingStandIn.write(size, file);
            System.out.printf(Locale.ROOT, "%n%dx%d: %.2f M parameters, %.1f G multiply-adds a frame, file %.1f MB%n",
                    size, size, built.parameters() / 1e6, built.multiplyAdds() / 1e9, Files.size(file) / 1e6);
            for (int threads : new int[] {1, cores}) {
                try (OnnxDepthEstimator estimator = OnnxDepthEstimator.open(file, size, threads)) {
                    time(estimator, frame, size < 400 ? frames : Math.max(3, frames / 3), threads);
                }
            }
            Files.delete(file);
        }
        Files.delete(dir);
    }

    private static void time(OnnxDepthEstimator estimator, RgbFrame frame, int frames, int threads) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        estimator.estimate(frame);
        estimator.estimate(frame);
        Latencies latencies = new Latencies();
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        for (int i = 0; i < frames; i++) {
            long start = System.nanoTime();
            estimator.estimate(frame);
            latencies.record(System.nanoTime() - start);
        }
        long cpuNanos = os.getProcessCpuTime() - cpu0;
        double cores = cpuNanos / (double) (System.nanoTime() - wall0);
        double medianMs = latencies.percentileMs(50);
        StringBuilder chunk = new StringBuilder();
        for (int every : EVERY_N_FRAMES) {
            int depthFrames = (CHUNK_FRAMES + every - 1) / every;
            chunk.append(String.format(Locale.ROOT, "  every %d: %.1f s", every, depthFrames * medianMs / 1000));
        }
        System.out.printf(Locale.ROOT, "  %d thread%s: median %.0f ms/frame (max %.0f, %d frames), %.1f depth fps, "
                + "CPU %.2f cores, %.0f CPU ms/frame%n"
                + "    5 s chunk at 30 fps, model time with one depth frame every N:%s%n", threads,
                threads == 1 ? "" : "s", medianMs, latencies.maxMs(), frames, 1000 / medianMs, cores,
                cpuNanos / 1e6 / frames, chunk);
    }

    /** A desktop-like frame: flat panels, a gradient and noise, so resizing does real work. */
    private static RgbFrame frame(int widthPx, int heightPx) {
        byte[] rgb = new byte[widthPx * heightPx * 3];
        Random random = new Random(7);
        for (int y = 0; y < heightPx; y++) {
            for (int x = 0; x < widthPx; x++) {
                int at = (y * widthPx + x) * 3;
                int panel = (x / 160 + y / 120) % 3 == 0 ? 200 : 60;
                rgb[at] = (byte) panel;
                rgb[at + 1] = (byte) (x * 255 / widthPx);
                rgb[at + 2] = (byte) random.nextInt(256);
            }
        }
        return new RgbFrame(widthPx, heightPx, rgb);
    }
}
