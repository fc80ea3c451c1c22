package io.stereospot.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.capture.quality.QualityStep;
import io.stereospot.capture.session.SessionClient;
import io.stereospot.capture.source.CaptureSource;
import io.stereospot.capture.source.SourceCatalog;
import io.stereospot.capture.testing.PlaylistReader;
import io.stereospot.capture.testing.RecordingListener;
import io.stereospot.capture.testing.ToneGlitches;
import io.stereospot.contract.StreamSession;
import io.stereospot.media.process.ExternalProcess;
import io.stereospot.media.testenv.Await;
import io.stereospot.media.testenv.BusyCores;
import io.stereospot.media.testenv.TestDesktop;
import io.stereospot.media.testenv.WavFiles;
import io.stereospot.server.ServerConfig;
import io.stereospot.server.StreamServer;
import io.stereospot.server.convert.ConverterSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step-down in the middle of a real stream (issue 27): Auto starts at 1080p30 without its trials on the viewing
 * issue's 1080p rig (a full-screen xterm printing the time as fast as it can, a 440 Hz tone into the sink), which this
 * 2-core machine cannot hold, so the overload steps it down at a chunk boundary while it streams into a real local
 * server. The chunk indices stay contiguous through the join, the finished playlist plays through it in FFmpeg, mpv
 * and hls.js, and the tone's seam at the join is measured: the time the new FFmpeg's first frame came after the old
 * one's last chunk ended, negative when it came before (from both runs' stamps), and the silence and breaks the
 * decoded sound has around the join.
 */
class StepDownIntegrationTest {

    private static final double TONE_HZ = 440;
    private static final Pattern SKIP = Pattern.compile("(skips|repeats) about (\\d+\\.\\d) s");
    private static final Pattern AT_CHUNK = Pattern.compile("at chunk (\\d+)");
    private static final Path HLSJS = Path.of("../server/src/test/hlsjs/run-hlsjs.sh");

    @Test
    void autoStepsDownMidStreamWithContiguousChunksAPlayableJoinAndAMeasuredGap(@TempDir Path dir)
            throws Exception {
        try (TestDesktop desktop = TestDesktop.start(dir.resolve("desktop"), 1920, 1080);
             StreamServer server = StreamServer.start(ServerConfig.builder().port(0)
                     .converter(ConverterSettings.copy()).dataDir(dir.resolve("data")).build())) {
            desktop.openMovingWindow("busy", 0, 0, 1920, 1080);
            desktop.play(WavFiles.sine(dir.resolve("tone.wav"), TONE_HZ, 150));
            SourceCatalog catalog = SourceCatalog.forThisPlatform(desktop.environment());
            CaptureSource screen = catalog.find("screen:0").orElseThrow();
            CaptureSettings settings = CaptureSettings.defaults(screen).withResolution(Resolution.AUTO)
                    .withSystemAudio(true).withSpoolDir(dir.resolve("spool"));
            RecordingListener events = new RecordingListener();
            Broadcast broadcast = Broadcast.builder(settings, new SessionClient(server.baseUrl()), events)
                    .catalog(catalog).autoStartsAt(QualityStep.P1080_30).build();
            // The machine is busy until the step-down (what makes Auto step down), then quiet for the players.
            StreamSession session;
            String join;
            try (BusyCores busy = BusyCores.twicePerCore()) {
                broadcast.start();
                session = Await.value("the session", () -> events.sessions.isEmpty() ? null
                        : events.sessions.get(0), s -> s != null, Duration.ofSeconds(30));
                join = Await.value("the step-down", () -> events.qualities.stream()
                        .filter(q -> q.contains("stepped down")).findFirst().orElse(null),
                        q -> q != null || broadcast.state().isTerminal(), Duration.ofSeconds(90));
            }
            assertThat(join).as("a step-down: %s / %s / warnings %s", broadcast.failureMessage(),
                    broadcast.lastEncoderError(), events.warnings).isNotNull();
            int joinIndex = firstNumber(AT_CHUNK, join);
            Await.until(() -> events.uploaded(joinIndex + 2) || broadcast.state().isTerminal(),
                    Duration.ofSeconds(60), "two whole chunks after the join uploaded");
            BroadcastState end = broadcast.stop();
            assertThat(end).as("%s / %s", broadcast.failureMessage(), broadcast.lastEncoderError())
                    .isEqualTo(BroadcastState.STOPPED);

            List<Integer> uploaded = events.uploadedIndices();
            assertThat(uploaded).as("uploaded in order, none skipped or reused")
                    .isEqualTo(IntStream.range(0, uploaded.size()).boxed().toList());
            String url = session.playlistUrl();
            String playlist = Await.value("the playlist to end", () -> PlaylistReader.text(URI.create(url)),
                    p -> p.contains("#EXT-X-ENDLIST"), Duration.ofSeconds(90));
            Files.writeString(dir.resolve("playlist.m3u8"), playlist);
            assertThat(PlaylistReader.indices(playlist).stream().distinct().toList()).as("segments listed")
                    .isEqualTo(uploaded);

            String ffmpeg = withLog(List.of("ffmpeg", "-nostdin", "-hide_banner", "-v", "warning", "-i", url,
                    "-f", "null", "-"), Duration.ofSeconds(90));
            String mpv = withLog(List.of("mpv", "--no-config", "--untimed", "--vo=null", "--ao=null",
                    "--ao-null-untimed", "--msg-level=all=warn", url), Duration.ofSeconds(90));
            String hlsjs = hlsJs(dir, url, mediaSeconds(playlist, Integer.MAX_VALUE) - 1);

            double joinS = mediaSeconds(playlist, joinIndex);
            short[] sound = ToneGlitches.mediaSamples(url);
            double soundS = sound.length / (double) ToneGlitches.RATE;
            // Judged up to a second join, if 720p30 overloaded too and Auto stepped down again.
            double untilS = events.qualities.stream().filter(q -> q.contains("stepped down")).skip(1)
                    .mapToDouble(q -> mediaSeconds(playlist, firstNumber(AT_CHUNK, q)) - 1).findFirst()
                    .orElse(soundS);
            ToneGlitches.Result after = ToneGlitches.analyse(Arrays.copyOfRange(sound,
                    (int) ((joinS + 1) * ToneGlitches.RATE), (int) (untilS * ToneGlitches.RATE)), TONE_HZ, 0);
            ToneGlitches.Result around = ToneGlitches.analyse(Arrays.copyOfRange(sound,
                    (int) ((joinS - 2) * ToneGlitches.RATE), (int) ((joinS + 1) * ToneGlitches.RATE)), TONE_HZ, 0);
            double silenceAtJoinS = ToneGlitches.longestSilenceS(sound, joinS - 1, joinS + 1);
            Matcher seam = SKIP.matcher(join);
            assertThat(seam.find()).as("the seam in %s", join).isTrue();
            // Signed: positive a hole in the sound, negative a repeat.
            double seamS = Double.parseDouble(seam.group(2)) * (seam.group(1).equals("repeats") ? -1 : 1);
            System.out.printf(Locale.ROOT, "FIGURES step-down: %s | chunks %s, join at chunk %d = %.3f s of %.3f s;"
                    + " seam %.1f s (stamps), silence at the join %.3f s, around the join %s, after it %s;"
                    + " hls.js %s; told %s; warnings %s%n", join, uploaded, joinIndex, joinS, soundS, seamS,
                    silenceAtJoinS, around, after, hlsjs.lines().reduce((a, b) -> b).orElse(""), events.qualities,
                    events.warnings);

            assertThat(events.warnings).as("the overload was told first")
                    .anyMatch(w -> w.contains("Quality Auto steps down to 720p at 30 frames a second"));
            assertThat(ffmpeg).as("FFmpeg through the join").doesNotContain("Packet corrupt")
                    .doesNotContain("non monotonically increasing dts").doesNotContain("Continuity check failed");
            assertThat(mpv).as("mpv through the join").doesNotContain("Packet corrupt")
                    .doesNotContain("No video or audio streams selected");
            assertThat(hlsjs).as("hls.js through the join").doesNotContain("\"fatal")
                    .doesNotContain("video element");
            assertThat(hlsjsPlayed(hlsjs)).as("seconds hls.js played (the join at %.1f s)", joinS)
                    .isGreaterThan(joinS + 3);
            // The new FFmpeg starts while the old one runs, timed by a trial start to have its first frame at a
            // boundary: the seam is how far off that came. -0.3/+0.0, -0.2/+0.0, +0.2/-0.1, +0.4/-0.0, -0.2/-0.0 s
            // (first/second join) in five runs here under a load average of 14-25, against 2.4-4.9 s skipped when
            // FFmpeg was restarted after the old one ended. The bound is the product's (a person notices a skip over
            // 1 s), nearly three times the largest seen.
            assertThat(Math.abs(seamS)).as("sound skipped or repeated at the join, by the stamps (s)")
                    .isLessThanOrEqualTo(1.0);
            assertThat(silenceAtJoinS).as("silence played at the join (s)").isLessThan(0.5);
            assertThat(after.glitches()).as("the tone after the join: %s", after).isZero();
        }
    }

    /** Media seconds before segment {@code index}: the EXTINF of every entry (part) of the segments before it. */
    private static double mediaSeconds(String playlist, int index) {
        double total = 0;
        double pending = 0;
        for (String line : playlist.split("\n")) {
            if (line.startsWith("#EXTINF:")) {
                pending = Double.parseDouble(line.substring(8).split(",")[0]);
            } else if (line.startsWith("seg_")) {
                if (Integer.parseInt(line.substring(4, 9)) >= index) {
                    return total;
                }
                total += pending;
            }
        }
        return total;
    }

    private static String hlsJs(Path dir, String url, double seconds) throws Exception {
        Path out = dir.resolve("hlsjs.out");
        ProcessBuilder pb = new ProcessBuilder("bash", HLSJS.toAbsolutePath().toString(), url,
                String.format(Locale.ROOT, "%.0f", seconds), "120").redirectOutput(out.toFile())
                .redirectError(dir.resolve("hlsjs.err").toFile());
        pb.environment().put("HLSJS_WORK_DIR", Path.of("../server/target/hlsjs").toAbsolutePath().toString());
        Process process = pb.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).as("hls.js runner: %s", Files.readString(dir.resolve("hlsjs.err")))
                .isZero();
        return Files.readString(out);
    }

    private static double hlsjsPlayed(String out) {
        Matcher m = Pattern.compile("\"played\":(\\d+(\\.\\d+)?)").matcher(out);
        double played = -1;
        while (m.find()) {
            played = Double.parseDouble(m.group(1));
        }
        return played;
    }

    private static String withLog(List<String> command, Duration timeout) throws Exception {
        List<String> all = new ArrayList<>(List.of("sh", "-c", "exec \"$@\" 2>&1", command.get(0)));
        all.addAll(command);
        ExternalProcess.Result result = ExternalProcess.run(all, null, timeout);
        assertThat(result.exitCode()).as("%s: %s", command.get(0), result.stdout()).isZero();
        return result.stdout();
    }

    private static int firstNumber(Pattern pattern, String text) {
        return Integer.parseInt(firstMatch(pattern, text));
    }

    private static String firstMatch(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as("%s in %s", pattern, text).isTrue();
        return m.group(1);
    }
}
