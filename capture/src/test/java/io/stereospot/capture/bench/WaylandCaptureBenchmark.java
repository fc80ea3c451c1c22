package io.stereospot.capture.bench;

import io.stereospot.capture.Broadcast;
import io.stereospot.capture.BroadcastListener;
import io.stereospot.capture.BroadcastState;
import io.stereospot.capture.CaptureSettings;
import io.stereospot.capture.EncoderProgress;
import io.stereospot.capture.Resolution;
import io.stereospot.capture.session.SessionClient;
import io.stereospot.capture.source.CaptureSource;
import io.stereospot.capture.source.SourceCatalog;
import io.stereospot.capture.testing.WaylandDesktop;
import io.stereospot.media.FfmpegBinaries;
import io.stereospot.media.testenv.Await;
import io.stereospot.media.testenv.TestDesktop;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Wayland path's cost against the X11 path's, on the same content: mpv playing one busy 720p30 clip (moving
 * test pattern under heavy noise) full screen, once on Xvfb (captured by x11grab) and once on headless sway
 * (captured through the portal, PipeWire and GStreamer), alternating rounds. For each: CPU seconds per stream second
 * of what the capture adds (the JVM, FFmpeg and, on Wayland, GStreamer), and beside it the display side (Xvfb;
 * sway, PipeWire, WirePlumber and the portal), whose work for a capture is part of the path's cost too.
 * mpv's own CPU is not counted: it is the same content on both.
 *
 * <p>Run with {@code scripts/bench-capture.sh wayland [seconds] [rounds]} (default 3 rounds of 20 s per path).
 */
public final class WaylandCaptureBenchmark {

    private WaylandCaptureBenchmark() {
    }

    record Measurement(double captureCpu, double displayCpu, long dropped, long duplicated, long frames) {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path work = Files.createDirectories(Path.of("target/bench-wl-" + ProcessHandle.current().pid()))
                .toAbsolutePath();
        Path clip = work.resolve("busy.mp4");
        new ProcessBuilder(FfmpegBinaries.ffmpeg().toString(), "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc2=size=1280x720:rate=30:duration=20", "-vf", "noise=alls=60:allf=t", "-c:v", "libx264",
                "-preset", "ultrafast", "-crf", "18", clip.toString()).inheritIO().start().waitFor();
        Process server = CaptureBenchmark.startServer(work.resolve("server"));
        try {
            URI api = CaptureBenchmark.serverApi(server);
            System.out.printf(Locale.ROOT, "Wayland vs X11 capture: %d rounds of %d s per path, 720p30, %d cores,"
                    + " load average %s%n", rounds, seconds, Runtime.getRuntime().availableProcessors(),
                    CaptureBenchmark.loadAverage());
            List<Double> ratios = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                Measurement x11 = x11(clip, api, seconds, work.resolve("x11-" + round));
                Measurement wayland = wayland(clip, api, seconds, work.resolve("wl-" + round));
                double ratio = (wayland.captureCpu() + wayland.displayCpu()) / (x11.captureCpu() + x11.displayCpu());
                ratios.add(ratio);
                System.out.printf(Locale.ROOT, "round %d: X11 capture %.3f + Xvfb %.3f CPU s/stream s (%s);"
                        + " Wayland capture %.3f + sway/PipeWire/portal %.3f (%s); ratio of the totals %.2f%n", round,
                        x11.captureCpu(), x11.displayCpu(), stutter(x11), wayland.captureCpu(), wayland.displayCpu(),
                        stutter(wayland), ratio);
            }
            Collections.sort(ratios);
            System.out.printf(Locale.ROOT, "median ratio Wayland/X11 (capture + display side): %.2f; load average"
                    + " at the end %s%n", ratios.get(ratios.size() / 2), CaptureBenchmark.loadAverage());
        } finally {
            server.getOutputStream().close();
            server.waitFor(10, TimeUnit.SECONDS);
            server.destroyForcibly();
        }
    }

    private static Measurement x11(Path clip, URI api, int seconds, Path dir) throws Exception {
        try (TestDesktop desktop = TestDesktop.start(dir, 1280, 720)) {
            Process mpv = mpv(clip, "x11", desktop.environment());
            try {
                SourceCatalog catalog = SourceCatalog.forThisPlatform(desktop.environment());
                ProcessHandle xvfb = ProcessHandle.current().children().filter(p -> p.info().command()
                        .map(c -> c.endsWith("/Xvfb")).orElse(false)).findFirst().orElseThrow();
                return measure(catalog, catalog.find("screen:0").orElseThrow(), api, seconds, dir,
                        List.of(xvfb));
            } finally {
                mpv.destroy();
            }
        }
    }

    private static Measurement wayland(Path clip, URI api, int seconds, Path dir) throws Exception {
        try (WaylandDesktop desktop = WaylandDesktop.start(dir, mpvCommand(clip, "wlshm"))) {
            SourceCatalog catalog = SourceCatalog.forThisPlatform(desktop.environment());
            return measure(catalog, CaptureSource.Portal.SCREEN, api, seconds, dir,
                    List.copyOf(desktop.serviceProcesses().values()));
        }
    }

    private static List<String> mpvCommand(Path clip, String vo) {
        return List.of("mpv", "--no-config", "--really-quiet", "--no-audio", "--loop=inf", "--vo=" + vo,
                "--geometry=1280x720+0+0", "--no-border", "--hwdec=no", clip.toString());
    }

    private static Process mpv(Path clip, String vo, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(mpvCommand(clip, vo)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        return builder.start();
    }

    /** One broadcast: steady state from chunk 0's upload for {@code seconds} of stream. */
    private static Measurement measure(SourceCatalog catalog, CaptureSource source, URI api, int seconds, Path dir,
            List<ProcessHandle> display) throws Exception {
        List<Long> uploads = new CopyOnWriteArrayList<>();
        AtomicReference<EncoderProgress> last = new AtomicReference<>();
        CaptureSettings settings = CaptureSettings.defaults(source).withResolution(Resolution.P720)
                .withSystemAudio(true).withSpoolDir(dir.resolve("spool"));
        Broadcast broadcast = Broadcast.builder(settings, new SessionClient(api), new BroadcastListener() {
            @Override
            public void chunkUploaded(int index, long bytes, long publishLatencyMs) {
                uploads.add(publishLatencyMs);
            }

            @Override
            public void encoderProgress(EncoderProgress progress) {
                last.set(progress);
            }
        }).catalog(catalog).build();
        broadcast.start();
        Await.until(() -> !uploads.isEmpty() || broadcast.state().isTerminal(), Duration.ofSeconds(60), "chunk 0");
        if (broadcast.state().isTerminal()) {
            throw new IllegalStateException("The capture failed: " + broadcast.failureMessage().orElse("?"));
        }
        long capture0 = captureCpuNanos();
        long display0 = cpuNanos(display);
        EncoderProgress start = last.get();
        Await.until(() -> last.get().outTimeMs() >= start.outTimeMs() + seconds * 1000L,
                Duration.ofSeconds(seconds * 3L), "the measured run");
        long capture1 = captureCpuNanos();
        long display1 = cpuNanos(display);
        EncoderProgress end = last.get();
        BroadcastState state = broadcast.stop();
        if (state != BroadcastState.STOPPED) {
            throw new IllegalStateException("The capture failed: " + broadcast.failureMessage().orElse("?"));
        }
        double streamSeconds = (end.outTimeMs() - start.outTimeMs()) / 1000.0;
        return new Measurement((capture1 - capture0) / 1e9 / streamSeconds, (display1 - display0) / 1e9 / streamSeconds,
                end.droppedFrames() - start.droppedFrames(), end.duplicatedFrames() - start.duplicatedFrames(),
                end.frames() - start.frames());
    }

    /** This JVM, and its children FFmpeg and GStreamer (not the desktop's programs, not mpv). */
    private static long captureCpuNanos() {
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return jvm + cpuNanos(ProcessHandle.current().children().filter(p -> p.info().command()
                .map(c -> c.endsWith("/ffmpeg") || c.endsWith("/gst-launch-1.0")).orElse(false)).toList());
    }

    private static long cpuNanos(List<ProcessHandle> processes) {
        return processes.stream().mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                .sum();
    }

    private static String stutter(Measurement m) {
        return String.format(Locale.ROOT, "dropped %d + duplicated %d of %d frames", m.dropped(), m.duplicated(),
                m.frames());
    }
}
