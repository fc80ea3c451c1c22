package io.stereospot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.server.StreamServer;
import io.stereospot.server.convert.ConverterKind;
import io.stereospot.server.convert.ConverterSettings;
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
    void sbsIsTheDefaultAndTakesASize() throws Exception {
        try (StreamServer server = CliRun.startServer(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                "--port", "0", "--data-dir", dataDir.toString(), "--sbs-size=1920x1080")) {
            assertThat(server.config().converter().kind()).isEqualTo(ConverterKind.SBS);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("Converter sbs 1920x1080");
        }
    }

    @Test
    void wrongConverterOptionsAreUsageErrors() {
        CliRun run = new CliRun(Map.of(), new ServerCommand(Map.of()));
        assertThat(run.run("server", "--converter", "depth")).isEqualTo(Cli.USAGE_ERROR);
        assertThat(run.run("server", "--converter", "command")).isEqualTo(Cli.USAGE_ERROR);
        assertThat(run.run("server", "--converter-command", "cp {input}")).isEqualTo(Cli.USAGE_ERROR);
        assertThat(run.err())
                .contains("Unknown converter \"depth\"; choose one of sbs, copy, command.")
                .contains("--converter command needs --converter-command")
                .contains("must contain both {input} and {output}")
                .contains("--converter=sbs|copy|command");
    }
}
