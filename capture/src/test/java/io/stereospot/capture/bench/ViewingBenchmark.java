package io.stereospot.capture.bench;

import io.stereospot.capture.Broadcast;
import io.stereospot.capture.BroadcastState;
import io.stereospot.capture.CaptureSettings;
import io.stereospot.capture.EncoderProgress;
import io.stereospot.capture.Resolution;
import io.stereospot.capture.session.SessionClient;
import io.stereospot.capture.source.AudioSource;
import io.stereospot.capture.source.CaptureSource;
import io.stereospot.capture.source.SourceCatalog;
import io.stereospot.capture.testing.PlaylistReader;
import io.stereospot.capture.testing.RecordingListener;
import io.stereospot.capture.testing.ToneGlitches;
import io.stereospot.contract.StreamSession;
import io.stereospot.media.testenv.Await;
import io.stereospot.media.testenv.TestDesktop;
import io.stereospot.media.testenv.WavFiles;
import io.stereospot.server.ServerConfig;
import io.stereospot.server.StreamServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The stream as a viewer gets it, per resolution, on the issue's busy rig: an xterm printing the time as fast as it
 * can, a shell loop burning a core, a 440 Hz tone played into the sink, and a stream server in this JVM with its
 * default converter (SBS), converting on the same cores. Prints audio glitches per minute in the playlist (decoded
 * by the system's FFmpeg, {@link ToneGlitches}) beside {@code parecord}'s of the same sink, and frames dropped and
 * duplicated (FFmpeg's own counters after the first chunk) beside the bare FFmpeg command run just before on the
 * same rig. Run with {@code scripts/bench-viewing.sh [seconds] [720p|1080p|auto]} (all three unless one is named).
 * The Auto row runs on the 1080p rig and says what Auto chose; its frame counts add up every FFmpeg run a step-down
 * made (each counts from zero).
 */
public final class ViewingBenchmark {

    private static final double TONE_HZ = 440;
    /** RIG=issue is issue 11's own rig (the flood and the tone); the default adds a burning core. */
    private static final boolean ISSUE_RIG = "issue".equals(System.getenv("RIG"));

    private ViewingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Path work = Files.createTempDirectory("stereospot-viewing-");
        System.out.printf(Locale.ROOT, "Viewing benchmark: %d s per run, %d cores, load average %s, rig %s%n",
                seconds, Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).strip(),
                ISSUE_RIG ? "issue 11's (flood + tone)" : "flood + tone + a burning core");
        List<Resolution> resolutions = List.of(Resolution.P720, Resolution.P1080, Resolution.AUTO);
        if (args.length > 1) {
            resolutions = resolutions.stream().filter(r -> r.label().equals(args[1])).toList();
            if (resolutions.isEmpty()) {
                System.err.println("Name a resolution as 720p, 1080p or auto, not " + args[1] + ".");
                System.exit(2);
            }
        }
        for (Resolution resolution : resolutions) {
            run(resolution, seconds, work.resolve(resolution.label()));
        }
    }

    private static void run(Resolution resolution, int seconds, Path dir) throws Exception {
        Files.createDirectories(dir);
        String name = resolution.isAuto() ? "auto" : resolution.label() + "30";
        Process burner = new ProcessBuilder("sh", "-c", ISSUE_RIG ? "exit 0" : "while :; do :; done").start();
        try (TestDesktop desktop = TestDesktop.start(dir.resolve("desktop"), resolution.width(),
                resolution.height());
             StreamServer server = StreamServer.start(ServerConfig.builder().port(0)
                     .dataDir(dir.resolve("data")).build())) {
            desktop.openMovingWindow("busy", 0, 0, resolution.width(), resolution.height());
            desktop.play(WavFiles.sine(dir.resolve("tone.wav"), TONE_HZ, 3 * seconds + 120));
            SourceCatalog catalog = SourceCatalog.forThisPlatform(desktop.environment());
            CaptureSource screen = catalog.find("screen:0").orElseThrow();
            AudioSource system = catalog.audio(AudioSource.Kind.SYSTEM).orElseThrow();

            CaptureBenchmark.Measurement bare = CaptureBenchmark.bare(catalog, screen, system, resolution, seconds,
                    dir.resolve("bare"));

            Path referenceRaw = dir.resolve("reference.raw");
            ProcessBuilder recorder = new ProcessBuilder("parecord", "-d", desktop.sink() + ".monitor",
                    "--rate=48000", "--channels=1", "--format=s16le", "--raw", referenceRaw.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("parecord.log").toFile());
            recorder.environment().putAll(desktop.environment());
            Process reference = recorder.start();
            RecordingListener events = new RecordingListener();
            CaptureSettings settings = CaptureSettings.defaults(screen).withResolution(resolution)
                    .withSystemAudio(true).withSpoolDir(dir.resolve("spool"));
            Broadcast broadcast = Broadcast.builder(settings, new SessionClient(server.baseUrl()), events)
                    .catalog(catalog).build();
            broadcast.start();
            Await.until(() -> !events.uploads.isEmpty() || broadcast.state().isTerminal(), Duration.ofSeconds(60),
                    "chunk 0");
            EncoderProgress start = events.progress.get(events.progress.size() - 1);
            Await.until(() -> streamMsSince(events.progress, start) >= seconds * 1000L
                    || broadcast.state().isTerminal(), Duration.ofSeconds(seconds * 3L), "the pipeline run");
            EncoderProgress end = last(events);
            BroadcastState state = broadcast.stop();
            long stoppedNs = System.nanoTime();
            reference.destroy();
            reference.waitFor(5, TimeUnit.SECONDS);
            if (state != BroadcastState.STOPPED) {
                throw new IllegalStateException("The pipeline failed: " + broadcast.failureMessage().orElse("?"));
            }
            StreamSession session = events.sessions.get(0);
            String url = session.playlistUrl();
            Await.value("the playlist to end", () -> PlaylistReader.text(URI.create(url)),
                    p -> p.contains("#EXT-X-ENDLIST"), Duration.ofSeconds(seconds * 10L));
            // How far the converter was behind the capture when it stopped: a niced converter may fall behind.
            double endLagS = (System.nanoTime() - stoppedNs) / 1e9;
            ToneGlitches.Result stream = ToneGlitches.ofMedia(url, TONE_HZ, 0.5);
            ToneGlitches.Result rig = ToneGlitches.analyse(ToneGlitches.samples(Files.readAllBytes(referenceRaw)),
                    TONE_HZ, 0.5);
            CaptureBenchmark.Measurement pipeline = acrossRuns(events.progress.subList(
                    events.progress.indexOf(start), events.progress.indexOf(end) + 1));
            System.out.printf(Locale.ROOT, "%s audio: playlist %.1f glitches/min (%d in %.0f s), parecord %.1f/min"
                            + " (%d in %.0f s); sound starts %.3f s after the picture%n", name, stream.perMinute(),
                    stream.glitches(), stream.seconds(), rig.perMinute(), rig.glitches(), rig.seconds(),
                    ToneGlitches.soundAfterPictureS(url, stream));
            System.out.printf(Locale.ROOT, "%s motion: pipeline %s; bare FFmpeg %s%n", name, pipeline.stutter(),
                    bare.stutter());
            events.qualities.forEach(told -> System.out.printf("%s quality: %s%n", name, told));
            System.out.printf(Locale.ROOT, "%s conversion: the playlist ended %.1f s after the broadcast stopped%n",
                    name, endLagS);
        } finally {
            burner.destroyForcibly();
            burner.waitFor(5, TimeUnit.SECONDS);
        }
        if (!"0".equals(System.getenv("GLASS")) && !resolution.isAuto()) {
            glassToGlass(resolution);
        }
    }

    /** Frames, dropped and repeated over the reports, added up across FFmpeg runs (a run's counts start at 0). */
    private static CaptureBenchmark.Measurement acrossRuns(List<EncoderProgress> reports) {
        long frames = 0;
        long dropped = 0;
        long duplicated = 0;
        for (int i = 1; i < reports.size(); i++) {
            EncoderProgress before = reports.get(i - 1);
            EncoderProgress now = reports.get(i);
            boolean sameRun = now.frames() >= before.frames();
            frames += now.frames() - (sameRun ? before.frames() : 0);
            dropped += now.droppedFrames() - (sameRun ? before.droppedFrames() : 0);
            duplicated += now.duplicatedFrames() - (sameRun ? before.duplicatedFrames() : 0);
        }
        return new CaptureBenchmark.Measurement(0, 0, reports.get(reports.size() - 1).speed(), dropped, duplicated,
                frames, List.of());
    }

    /** Stream time encoded since {@code start}, across FFmpeg runs. */
    private static long streamMsSince(List<EncoderProgress> reports, EncoderProgress start) {
        long ms = 0;
        for (int i = reports.indexOf(start) + 1; i < reports.size(); i++) {
            long before = reports.get(i - 1).outTimeMs();
            long now = reports.get(i).outTimeMs();
            ms += now >= before ? now - before : now;
        }
        return ms;
    }

    private static EncoderProgress last(RecordingListener events) {
        return events.progress.get(events.progress.size() - 1);
    }

    /** The other half of the viewing figures, when its script is there: its lines, as it prints them. */
    private static void glassToGlass(Resolution resolution) throws Exception {
        Path script = Path.of("scripts/viewing/glass-to-glass.sh");
        if (!Files.isRegularFile(script)) {
            System.out.printf("%s30 glass-to-glass: %s is not there%n", resolution.label(), script);
            return;
        }
        Process process = new ProcessBuilder("bash", script.toString(), resolution.label())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        process.getInputStream().transferTo(System.out);
        process.waitFor();
    }
}
