package io.stereospot.capture.bench;

import io.stereospot.capture.Broadcast;
import io.stereospot.capture.BroadcastListener;
import io.stereospot.capture.BroadcastState;
import io.stereospot.capture.CaptureSettings;
import io.stereospot.capture.EncoderProgress;
import io.stereospot.capture.Resolution;
import io.stereospot.capture.ffmpeg.FfmpegCommand;
import io.stereospot.capture.ffmpeg.FfmpegProcess;
import io.stereospot.capture.ffmpeg.FrameSize;
import io.stereospot.capture.ffmpeg.ProgressReport;
import io.stereospot.capture.ffmpeg.VideoEncoder;
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
 * (JVM + FFmpeg) over bare FFmpeg's, encode speed, dropped and duplicated frames (FFmpeg's {@code drop_frames} and
 * {@code dup_frames} over the measured window, as a share of the frames encoded in it), chunk publish latency
 * (complete → stored) and
 * the JVM's peak RSS. The stream server runs in a JVM of its own so its CPU is not counted.
 *
 * <p>Run with {@code scripts/bench-capture.sh [seconds] [rounds]} (default 3 rounds of 20 s bare then 20 s
 * pipeline per resolution, alternating so both see the same machine load).
 */
public final class CaptureBenchmark {

    private CaptureBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path work = Files.createTempDirectory("stereospot-bench-");
        Process server = startServer(work.resolve("server"));
        try {
            URI api = serverApi(server);
            System.out.printf(Locale.ROOT, "Capture benchmark: %d rounds of %d s bare FFmpeg then %d s pipeline per"
                            + " resolution, %d cores, load average %s%n", rounds, seconds, seconds,
                    Runtime.getRuntime().availableProcessors(), loadAverage());
            for (Resolution resolution : List.of(Resolution.P720, Resolution.P1080)) {
                run(resolution, seconds, rounds, api, work.resolve(resolution.label()));
            }
            System.out.printf(Locale.ROOT, "JVM peak RSS (VmHWM, whole benchmark JVM): %d MB; load average at the"
                    + " end %s%n", peakRssKb() / 1024, loadAverage());
        } finally {
            server.getOutputStream().close();
            server.waitFor(10, TimeUnit.SECONDS);
            server.destroyForcibly();
        }
    }

    private static void run(Resolution resolution, int seconds, int rounds, URI api, Path dir) throws Exception {
        Files.createDirectories(dir);
        try (TestDesktop desktop = TestDesktop.start(dir.resolve("desktop"), resolution.width(),
                resolution.height())) {
            desktop.openMovingWindow("busy", 0, 0, resolution.width(), resolution.height(),
                    "od -x /dev/urandom");
            desktop.play(WavFiles.sine(dir.resolve("tone.wav"), 440, 2.5 * rounds * seconds + 120));
            SourceCatalog catalog = SourceCatalog.forThisPlatform(desktop.environment());
            CaptureSource screen = catalog.find("screen:0").orElseThrow();
            AudioSource system = catalog.audio(AudioSource.Kind.SYSTEM).orElseThrow();
            String name = resolution.label() + "30 " + VideoEncoder.presetFor(frameSize(resolution));

            List<Double> ratios = new ArrayList<>();
            List<Double> sameRun = new ArrayList<>();
            List<Long> latencies = new ArrayList<>();
            List<Long> firstChunk = new ArrayList<>();
            long[] bareStutter = new long[2];
            long[] pipelineStutter = new long[2];
            for (int round = 1; round <= rounds; round++) {
                Measurement bare = bare(catalog, screen, system, resolution, seconds,
                        dir.resolve("bare-" + round));
                Measurement pipeline = pipeline(catalog, screen, resolution, seconds, api,
                        dir.resolve("spool-" + round));
                double ratio = pipeline.cpuPerStreamSecond() / bare.cpuPerStreamSecond();
                bareStutter[0] += bare.dropped() + bare.duplicated();
                bareStutter[1] += bare.frames();
                pipelineStutter[0] += pipeline.dropped() + pipeline.duplicated();
                pipelineStutter[1] += pipeline.frames();
                ratios.add(ratio);
                double ffmpegInPipeline = pipeline.cpuPerStreamSecond() - pipeline.jvmCpuPerStreamSecond();
                sameRun.add(pipeline.cpuPerStreamSecond() / ffmpegInPipeline);
                firstChunk.add(pipeline.latenciesMs().get(0));
                latencies.addAll(pipeline.latenciesMs().subList(1, pipeline.latenciesMs().size()));
                System.out.printf(Locale.ROOT, "%s round %d: bare FFmpeg %.3f CPU s/stream s (speed %.2fx, %s);"
                                + " pipeline %.3f (JVM %.3f + FFmpeg %.3f, speed %.2fx, %s); ratio %.3f; publish ms %s%n",
                        name, round, bare.cpuPerStreamSecond(), bare.speed(), bare.stutter(),
                        pipeline.cpuPerStreamSecond(), pipeline.jvmCpuPerStreamSecond(),
                        pipeline.cpuPerStreamSecond() - pipeline.jvmCpuPerStreamSecond(), pipeline.speed(),
                        pipeline.stutter(), ratio, pipeline.latenciesMs());
            }
            System.out.printf(Locale.ROOT, "%s: median ratio pipeline/bare %.3f (goal <= 1.05); (JVM + FFmpeg) /"
                            + " FFmpeg within the pipeline runs: median %.3f; publish latency after chunk 0: median %d"
                            + " ms, p95 %d ms over %d chunks (goal p95 <= 100 ms); chunk 0: %s ms; dropped + duplicated"
                            + " over all rounds: bare FFmpeg %.1f %%, pipeline %.1f %%%n", name,
                    medianDouble(ratios), medianDouble(sameRun), percentile(latencies, 50),
                    percentile(latencies, 95), latencies.size(), firstChunk, 100.0 * bareStutter[0] / bareStutter[1],
                    100.0 * pipelineStutter[0] / pipelineStutter[1]);
        }
    }

    private static double medianDouble(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** The API address the benchmark's server process prints. */
    static URI serverApi(Process server) throws java.io.IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null && !line.startsWith("API ")) {
            // skip anything else the server prints
        }
        if (line == null) {
            throw new IllegalStateException("The benchmark's stream server did not start");
        }
        return URI.create(line.substring(4).strip());
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    record Measurement(double cpuPerStreamSecond, double jvmCpuPerStreamSecond, double speed, long dropped,
                       long duplicated, long frames, List<Long> latenciesMs) {

        /** "dropped D (x %) + duplicated U (y %) of F frames". */
        String stutter() {
            return String.format(Locale.ROOT, "dropped %d (%.1f %%) + duplicated %d (%.1f %%) of %d frames", dropped,
                    100.0 * dropped / frames, duplicated, 100.0 * duplicated / frames, frames);
        }
    }

    /** The exact command the pipeline runs, alone, writing chunks to a folder. */
    static Measurement bare(SourceCatalog catalog, CaptureSource screen, AudioSource system,
                                    Resolution resolution, int seconds, Path spool) throws Exception {
        Files.createDirectories(spool);
        FfmpegCommand command = new FfmpegCommand(catalog.platform(), FfmpegBinaries.ffmpeg(), screen,
                catalog.processEnvironment().get("DISPLAY"), List.of(system), frameSize(resolution), 30, 5000,
                spool);
        command.createFolders();
        AtomicReference<ProgressReport> last = new AtomicReference<>();
        FfmpegProcess ffmpeg = FfmpegProcess.start(command.arguments(), catalog.processEnvironment(),
                new FfmpegProcess.Events() {
                    @Override
                    public void progress(ProgressReport progress) {
                        last.set(progress);
                    }
                });
        ProcessHandle handle = ProcessHandle.of(ffmpeg.pid()).orElseThrow();
        // Warm up 5 s (probing, encoder start; the pipeline's first chunk), then measure a window of steady state.
        Await.until(() -> last.get() != null && last.get().outTimeMs() >= 5000, Duration.ofSeconds(30), "warm-up");
        long cpu0 = cpuNanos(handle);
        long media0 = last.get().outTimeMs();
        long frames0 = last.get().frames();
        long dropped0 = last.get().droppedFrames();
        long duplicated0 = last.get().duplicatedFrames();
        Await.until(() -> last.get().outTimeMs() >= media0 + seconds * 1000L, Duration.ofSeconds(seconds * 3L),
                "the bare run");
        long cpu1 = cpuNanos(handle);
        ProgressReport end = last.get();
        ffmpeg.stop(10_000);
        double streamSeconds = (end.outTimeMs() - media0) / 1000.0;
        return new Measurement((cpu1 - cpu0) / 1e9 / streamSeconds, 0, end.speed(), end.droppedFrames() - dropped0,
                end.duplicatedFrames() - duplicated0, end.frames() - frames0, List.of());
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
        // Steady state: measure from the first chunk's upload on, as the bare run measures after its warm-up.
        Await.until(() -> !latencies.isEmpty(), Duration.ofSeconds(60), "chunk 0");
        ProcessHandle ffmpeg = ProcessHandle.current().children()
                .filter(p -> p.info().command().map(c -> c.endsWith("ffmpeg")).orElse(false))
                .findFirst().orElseThrow();
        long jvm0 = jvmCpuNanos();
        long ffmpeg0 = cpuNanos(ffmpeg);
        long media0 = last.get().outTimeMs();
        long frames0 = last.get().frames();
        long dropped0 = last.get().droppedFrames();
        long duplicated0 = last.get().duplicatedFrames();
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
                end.droppedFrames() - dropped0, end.duplicatedFrames() - duplicated0, end.frames() - frames0,
                latencies);
    }

    /** The frame size the broadcast gives FFmpeg for this resolution. */
    static FrameSize frameSize(Resolution resolution) {
        return new FrameSize(resolution.width(), resolution.height());
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

    /** The stream server in a JVM of its own, so that its CPU is not counted. */
    static Process startServer(Path dataDir) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-Dlogback.configurationFile=" + System.getProperty("logback.configurationFile",
                "logback-bench.xml"), "-cp", System.getProperty("java.class.path"),
                BenchServer.class.getName(), dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
