package io.stereospot.server.players;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of src/test/hlsjs's puppeteer scripts through run-hlsjs.sh (which installs the pinned npm set once) and
 * reads the one JSON line it prints last; the calling test judges it.
 */
final class BrowserScript {

    private BrowserScript() {
    }

    /**
     * @param script the .mjs file's name
     * @param args   its arguments, the first before Chromium's path (run-hlsjs.sh puts that second)
     */
    static JsonNode run(Path dir, String script, Duration timeout, String... args) throws Exception {
        Path out = dir.resolve(script + ".out");
        Path err = dir.resolve(script + ".err");
        List<String> command = new ArrayList<>(List.of("bash", HlsJsPlaybackTest.SCRIPT.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("HLSJS_WORK_DIR", Path.of("target/hlsjs").toAbsolutePath().toString());
        pb.environment().put("HLSJS_SCRIPT", script);
        Process process = pb.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(script + " did not finish: " + Files.readString(err));
        }
        assertThat(process.exitValue()).as(script + "; stderr: " + Files.readString(err)).isZero();
        String last = Files.readString(out).strip().lines().reduce((a, b) -> b).orElse("{}");
        System.out.println(script + ": " + last);
        return new ObjectMapper().readTree(last);
    }
}
