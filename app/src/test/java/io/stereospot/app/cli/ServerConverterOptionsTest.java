package io.stereospot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.server.StreamServer;
import io.stereospot.server.convert.ConverterKind;
import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.convert.DepthSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./stereospot server --converter …}: the setting reaches the server; mistakes are sentences. */
class ServerConverterOptionsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @TempDir
    Path dataDir;

    @Test
    void theChosenConverterIsTheServers() throws Exception {
        try (StreamServer server = CliRun.startServer(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                "--port", "0", "--data-dir", dataDir.toString(),
                "--converter", "command", "--converter-command", "iw3 -i {input} -o {output} --half-sbs")) {
            assertThat(server.config().converter())
                    .isEqualTo(ConverterSettings.command("iw3 -i {input} -o {output} --half-sbs"));
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains("Converter command: iw3 -i {input} -o {output} --half-sbs");
        }
    }

    @Test
    void depthIsTheDefaultAndTakesASizeAndItsSettings() throws Exception {
        try (StreamServer server = CliRun.startServer(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                "--port", "0", "--data-dir", dataDir.toString(), "--sbs-size=1920x1080", "--depth-strength", "1.5",
                "--depth-convergence=0.25")) {
            assertThat(server.config().converter())
                    .isEqualTo(ConverterSettings.depth(1920, 1080, new DepthSettings(1.5, 0.25, null)));
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains("Converter depth 1920x1080, strength 1.5 %, convergence 0.25");
        }
    }

    @Test
    void sbsIsTheFlatChoice() throws Exception {
        try (StreamServer server = CliRun.startServer(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                "--port", "0", "--data-dir", dataDir.toString(), "--converter", "sbs", "--sbs-size=1920x1080")) {
            assertThat(server.config().converter().kind()).isEqualTo(ConverterKind.SBS);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("Converter sbs 1920x1080");
        }
    }

    @Test
    void wrongConverterOptionsAreUsageErrors() {
        CliRun run = new CliRun(Map.of(), new ServerCommand(Map.of()));
        assertThat(run.run("server", "--converter", "stereo")).isEqualTo(Cli.USAGE_ERROR);
        assertThat(run.run("server", "--converter", "command")).isEqualTo(Cli.USAGE_ERROR);
        assertThat(run.run("server", "--converter-command", "cp {input}")).isEqualTo(Cli.USAGE_ERROR);
        assertThat(run.err())
                .contains("Unknown converter \"stereo\"; choose one of depth, sbs, copy, command.")
                .contains("--converter command needs --converter-command")
                .contains("must contain both {input} and {output}")
                .contains("--converter=depth|sbs|copy|command");
    }
}
