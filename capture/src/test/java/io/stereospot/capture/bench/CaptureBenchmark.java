package io.stereospot.capture.bench;

import io.stereospot.capture.Broadcast;
import io.stereospot.capture.BroadcastListener;
import io.stereospot.capture.BroadcastState;
import io.stereospot.capture.CaptureSettings;
import io.stereospot.capture.EncoderProgress;
import io.stereospot.capture.Resolution;
import io.stereospot.capture.ffmpeg.FfmpegCommand;
import io.stereospot.capture.ffmpeg.FfmpegProcess;
import io.stereospot.capture.session.SessionClient;
import io.stereospot.capture.source.AudioSource;
import io.stereospot.capture.source.CaptureSource;
import io.stereospot.capture.source.SourceCatalog;
import io.stereospot.media.FfmpegBinaries;
import io.stereospot.media.testenv.Await;
import io.stereospot.media.testenv.TestDesktop;
import io.stereospot.media.testenv.WavFiles;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Capture pipeline cost against its anchor, the bare FFmpeg command it runs, measured in the same run on busy
 * moving content (a full-screen xterm scrolling random hex) with system audio: CPU seconds per stream second of
 * (JVM + FFmpeg) over bare FFmpeg's, encode speed, dropped frames, chunk publish latency (complete → stored) and
 * the JVM's peak RSS. The stream server runs in a JVM of its own so its CPU is not counted.
 *
 * <p>Run with {@code scripts/bench-capture.sh [seconds]} (default 60 s of pipeline per resolution).
 */
public final class CaptureBenchmark {

    private CaptureBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        Path work = Files.createTempDirectory("stereospot-bench-");
        Process server = startServer(work.resolve("server"));
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null && !line.startsWith("API ")) {
                // skip anything else the server prints
            }
            if (line == null) {
                throw new IllegalStateException("The benchmark's stream server did not start");
            }
            URI api = URI.create(line.substring(4).strip());
            System.out.printf(Locale.ROOT, "Capture benchmark: %d s per run, %d cores, server at %s%n", seconds,
                    Runtime.getRuntime().availableProcessors(), api);
            for (Resolution resolution : List.of(Resolution.P720, Resolution.P1080)) {
                run(resolution, seconds, api, work.resolve(resolution.label()));
            }
            System.out.printf(Locale.ROOT, "JVM peak RSS (VmHWM): %d MB%n", peakRssKb() / 1024);
        } finally {
            server.getOutputStream().close();
            server.waitFor(10, TimeUnit.SECONDS);
            server.destroyForcibly();
        }
    }

    private static void run(Resolution resolution, int seconds, URI api, Path dir) throws Exception {
        Files.createDirectories(dir);
        try (TestDesktop desktop = TestDesktop.start(dir.resolve("desktop"), resolution.width(),
                resolution.height())) {
            desktop.openMovingWindow("busy", 0, 0, resolution.width(), resolution.height(),
                    "od -x /dev/urandom");
            desktop.play(WavFiles.sine(dir.resolve("tone.wav"), 440, 3 * seconds + 60));
            SourceCatalog catalog = SourceCatalog.forThisPlatform(desktop.environment());
            CaptureSource screen = catalog.find("screen:0").orElseThrow();
            AudioSource system = catalog.audio(AudioSource.Kind.SYSTEM).orElseThrow();

            Measurement bare = bare(catalog, screen, system, resolution, Math.max(20, seconds / 2),
                    dir.resolve("bare"));
            Measurement pipeline = pipeline(catalog, screen, resolution, seconds, api, dir.resolve("spool"));
            System.out.printf(Locale.ROOT, "%s30 %s: bare FFmpeg %.3f CPU s/stream s (speed %.2fx, dropped %d of"
                            + " %d frames)%n", resolution.label(), FfmpegCommand.presetFor(resolution),
                    bare.cpuPerStreamSecond(), bare.speed(), bare.dropped(), bare.frames());
            System.out.printf(Locale.ROOT, "%s30 %s: pipeline  %.3f CPU s/stream s (JVM %.3f + FFmpeg %.3f),"
                            + " speed %.2fx, dropped %d of %d frames%n", resolution.label(),
                    FfmpegCommand.presetFor(resolution), pipeline.cpuPerStreamSecond(),
                    pipeline.jvmCpuPerStreamSecond(), pipeline.cpuPerStreamSecond() - pipeline.jvmCpuPerStreamSecond(),
                    pipeline.speed(), pipeline.dropped(), pipeline.frames());
            System.out.printf(Locale.ROOT, "%s30: ratio pipeline/bare = %.3f (goal <= 1.05)%n", resolution.label(),
                    pipeline.cpuPerStreamSecond() / bare.cpuPerStreamSecond());
            List<Long> latencies = new ArrayList<>(pipeline.latenciesMs());
            System.out.printf(Locale.ROOT, "%s30: publish latency over %d chunks: median %d ms, p95 %d ms, max %d ms"
                            + " (all: %s) (goal p95 <= 100 ms)%n", resolution.label(), latencies.size(),
                    percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 100), latencies);
        }
    }

    record Measurement(double cpuPerStreamSecond, double jvmCpuPerStreamSecond, double speed, long dropped,
                       long frames, List<Long> latenciesMs) {
    }

    /** The exact command the pipeline runs, alone, writing chunks to a folder. */
    private static Measurement bare(SourceCatalog catalog, CaptureSource screen, AudioSource system,
                                    Resolution resolution, int seconds, Path spool) throws Exception {
        Files.createDirectories(spool);
        FfmpegCommand command = new FfmpegCommand(catalog.platform(), FfmpegBinaries.ffmpeg(), screen,
                catalog.processEnvironment().get("DISPLAY"), List.of(system), resolution, 30, 5000, spool);
        AtomicReference<EncoderProgress> last = new AtomicReference<>();
        FfmpegProcess ffmpeg = FfmpegProcess.start(command.arguments(), catalog.processEnvironment(),
                new FfmpegProcess.Events() {
                    @Override
                    public void progress(EncoderProgress progress) {
                        last.set(progress);
                    }
                });
        ProcessHandle handle = ProcessHandle.of(ffmpeg.pid()).orElseThrow();
        // Warm up 3 s (probing, encoder start), then measure a window of steady state.
        Await.until(() -> last.get() != null && last.get().outTimeMs() >= 3000, Duration.ofSeconds(30), "warm-up");
        long cpu0 = cpuNanos(handle);
        long media0 = last.get().outTimeMs();
        long frames0 = last.get().frames();
        Await.until(() -> last.get().outTimeMs() >= media0 + seconds * 1000L, Duration.ofSeconds(seconds * 3L),
                "the bare run");
        long cpu1 = cpuNanos(handle);
        EncoderProgress end = last.get();
        ffmpeg.stop(10_000);
        double streamSeconds = (end.outTimeMs() - media0) / 1000.0;
        return new Measurement((cpu1 - cpu0) / 1e9 / streamSeconds, 0, end.speed(), end.droppedFrames(),
                end.frames() - frames0, List.of());
    }

    private static Measurement pipeline(SourceCatalog catalog, CaptureSource screen, Resolution resolution,
                                        int seconds, URI api, Path spool) throws Exception {
        List<Long> latencies = new CopyOnWriteArrayList<>();
        AtomicReference<EncoderProgress> last = new AtomicReference<>();
        CaptureSettings settings = CaptureSettings.defaults(screen).withResolution(resolution)
                .withSystemAudio(true).withSpoolDir(spool);
        Broadcast broadcast = Broadcast.builder(settings, new SessionClient(api), new BroadcastListener() {
            @Override
            public void chunkUploaded(int index, long bytes, long publishLatencyMs) {
                latencies.add(publishLatencyMs);
            }

            @Override
            public void encoderProgress(EncoderProgress progress) {
                last.set(progress);
            }
        }).catalog(catalog).build();
        broadcast.start();
        Await.until(() -> last.get() != null && last.get().outTimeMs() >= 3000, Duration.ofSeconds(60), "warm-up");
        ProcessHandle ffmpeg = ProcessHandle.current().children()
                .filter(p -> p.info().command().map(c -> c.endsWith("ffmpeg")).orElse(false))
                .findFirst().orElseThrow();
        long jvm0 = jvmCpuNanos();
        long ffmpeg0 = cpuNanos(ffmpeg);
        long media0 = last.get().outTimeMs();
        long frames0 = last.get().frames();
        Await.until(() -> last.get().outTimeMs() >= media0 + seconds * 1000L, Duration.ofSeconds(seconds * 3L),
                "the pipeline run");
        long jvm1 = jvmCpuNanos();
        long ffmpeg1 = cpuNanos(ffmpeg);
        EncoderProgress end = last.get();
        BroadcastState state = broadcast.stop();
        if (state != BroadcastState.STOPPED) {
            throw new IllegalStateException("The pipeline failed: " + broadcast.failureMessage().orElse("?"));
        }
        double streamSeconds = (end.outTimeMs() - media0) / 1000.0;
        double jvm = (jvm1 - jvm0) / 1e9 / streamSeconds;
        return new Measurement(jvm + (ffmpeg1 - ffmpeg0) / 1e9 / streamSeconds, jvm, end.speed(),
                end.droppedFrames(), end.frames() - frames0, latencies);
    }

    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().orElseThrow().toNanos();
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long peakRssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private static long percentile(List<Long> values, int percent) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static Process startServer(Path dataDir) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-Dlogback.configurationFile=" + System.getProperty("logback.configurationFile",
                "logback-bench.xml"), "-cp", System.getProperty("java.class.path"),
                BenchServer.class.getName(), dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
