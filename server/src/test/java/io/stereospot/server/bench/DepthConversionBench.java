package io.stereospot.server.bench;

import io.stereospot.media.FfmpegBinaries;
import io.stereospot.media.process.ChildProcesses;
import io.stereospot.server.convert.Converter;
import io.stereospot.server.convert.ConverterSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Seconds to convert one busy 5 s chunk with flat {@code sbs} and with {@code depth}, alternating in one run, per
 * resolution: medians of the runs, their ratio, the depth converter's frames per second and the CPU share (user +
 * system of this JVM and its FFmpegs, over wall time; 2.0 = both cores). Linux only (/proc/self/stat).
 *
 * <p>Arguments: runs per converter (default 5), then resolutions as WxH (default 1280x720 1920x1080). With
 * {@code BENCH_CAPTURE=1} in the environment a 720p30 capture stand-in runs beside the conversions
 * ({@link #CAPTURE_STAND_IN}, as fast as it can: a full core), with {@code BENCH_CAPTURE=realtime} the same paced at
 * 30 fps ({@code -re}), as a real capture is.
 */
public final class DepthConversionBench {

    static final String CAPTURE_STAND_IN =
            "-f lavfi -i testsrc2=size=1280x720:rate=30 -c:v libx264 -preset veryfast -f null -";
    private static final int FRAMES = 150;
    private static final double TICKS_PER_SECOND = 100.0;

    private DepthConversionBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> sizes = args.length > 1 ? Arrays.asList(args).subList(1, args.length)
                : List.of("1280x720", "1920x1080");
        Path dir = Files.createTempDirectory("bench-depth");
        String capture = System.getenv().getOrDefault("BENCH_CAPTURE", "");
        if (!capture.isEmpty()) {
            List<String> command = new ArrayList<>(List.of(FfmpegBinaries.ffmpeg().toString(), "-nostdin",
                    "-loglevel", "error"));
            if (capture.equals("realtime")) {
                command.add("-re");
            }
            command.addAll(Arrays.asList(CAPTURE_STAND_IN.split(" ")));
            Process standIn = ChildProcesses.endWithJvm(new ProcessBuilder(command).inheritIO().start());
            Runtime.getRuntime().addShutdownHook(new Thread(standIn::destroyForcibly));
            System.out.println("capture stand-in running beside: ffmpeg " + (capture.equals("realtime") ? "-re " : "")
                    + CAPTURE_STAND_IN);
        }
        System.out.println("resolution  sbs_s  depth_s  depth/sbs  depth_fps  sbs_cpu  depth_cpu  sbs_cpu_s  depth_cpu_s"
                + "  (medians of " + runs + " runs; cpu = share of one core, cpu_s = CPU seconds a chunk)");
        for (String size : sizes) {
            Path chunk = busyChunk(dir, size);
            Converter sbs = ConverterSettings.sbs().create();
            Converter depth = ConverterSettings.depth().create();
            measure(depth, chunk, dir); // warm-up: the JIT compiles the renderer on the first chunk
            double[][] sbsRuns = new double[runs][];
            double[][] depthRuns = new double[runs][];
            for (int i = 0; i < runs; i++) {
                sbsRuns[i] = measure(sbs, chunk, dir);
                depthRuns[i] = measure(depth, chunk, dir);
            }
            double sbsSeconds = median(sbsRuns, 0);
            double depthSeconds = median(depthRuns, 0);
            System.out.flush();
            System.out.printf(Locale.ROOT, "%-10s  %5.2f  %7.2f  %9.2f  %9.1f  %7.2f  %9.2f  %9.2f  %11.2f%n", size,
                    sbsSeconds, depthSeconds, depthSeconds / sbsSeconds, FRAMES / depthSeconds, median(sbsRuns, 1),
                    median(depthRuns, 1), median(sbsRuns, 2), median(depthRuns, 2));
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
        System.exit(0);
    }

    /** {wall seconds, CPU share, CPU seconds} of one conversion. */
    private static double[] measure(Converter converter, Path chunk, Path dir) throws Exception {
        Path out = dir.resolve("out-" + converter.name() + ".mp4");
        Files.deleteIfExists(out);
        long cpuBefore = cpuTicks();
        long started = System.nanoTime();
        converter.convert(chunk, out);
        double wall = (System.nanoTime() - started) / 1e9;
        double cpu = (cpuTicks() - cpuBefore) / TICKS_PER_SECOND;
        return new double[] {wall, cpu / wall, cpu};
    }

    /** utime + stime + cutime + cstime of this process: its own CPU and that of its children it has waited for. */
    private static long cpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                + Long.parseLong(fields[14]);
    }

    private static double median(double[][] runs, int column) {
        double[] values = Arrays.stream(runs).mapToDouble(r -> r[column]).sorted().toArray();
        return values[values.length / 2];
    }

    /** 5 s of moving test pattern with temporal noise on top (every pixel changes: the encoder's worst case). */
    private static Path busyChunk(Path dir, String size) throws Exception {
        Path chunk = dir.resolve("busy-" + size + ".mp4");
        List<String> command = new ArrayList<>(List.of(FfmpegBinaries.ffmpeg().toString(), "-nostdin",
                "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                "testsrc2=size=" + size + ":rate=30,noise=alls=20:allf=t+u", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000", "-t", "5", "-c:v", "libx264", "-preset", "ultrafast",
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "96k", chunk.toString()));
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("FFmpeg could not make the busy chunk");
        }
        return chunk;
    }
}
