package io.stereospot.server.players;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.playback.PlaybackSettings;
import io.stereospot.server.testing.PlaybackHarness;
import io.stereospot.server.testing.TestChunks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hls.js (npm, pinned by package-lock.json) in headless Chromium plays the playlist past 10 s. The page loads the
 * playlist from another origin, as a web player would, which the server's CORS header allows.
 */
class HlsJsPlaybackTest {

    static final int CHUNKS = 3;
    static final Path SCRIPT = Path.of("src/test/hlsjs/run-hlsjs.sh");

    @TempDir
    Path dir;

    @Test
    void hlsJsInHeadlessChromiumPlaysPastTenSeconds() throws Exception {
        List<Path> chunks = TestChunks.make(dir.resolve("chunks"), CHUNKS, 640, 360);
        try (PlaybackHarness harness = PlaybackHarness.start(dir,
                PlaybackSettings.defaults().withConverter(ConverterSettings.sbs()))) {
            String session = harness.finishedSession(chunks, Duration.ofSeconds(60));

            Path out = dir.resolve("hlsjs.out");
            Path err = dir.resolve("hlsjs.err");
            ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toAbsolutePath().toString(),
                    harness.playlistUrl(session).toString(), "12", "45")
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("HLSJS_WORK_DIR", Path.of("target/hlsjs").toAbsolutePath().toString());
            Process process = pb.start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("hls.js run did not finish: " + Files.readString(err));
            }
            String stdout = Files.readString(out).strip();
            assertThat(process.exitValue()).as("hls.js runner; stderr: " + Files.readString(err)).isZero();
            String last = stdout.lines().reduce((a, b) -> b).orElse("{}");
            System.out.println("hls.js: " + last);
            JsonNode result = new ObjectMapper().readTree(last);

            List<String> fatal = new java.util.ArrayList<>();
            result.path("errors").forEach(e -> {
                if (e.asText().startsWith("fatal") || e.asText().startsWith("video element")) {
                    fatal.add(e.asText());
                }
            });
            assertThat(fatal).as("fatal player errors").isEmpty();
            assertThat(result.path("played").asDouble()).as("seconds played").isGreaterThan(10.0);
            assertThat(result.path("events").toString()).contains("seg_00000.ts", "seg_00001.ts", "seg_00002.ts");
        }
    }
}
