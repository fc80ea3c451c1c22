package io.stereospot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.server.StreamServer;
import io.stereospot.server.convert.ConverterKind;
import io.stereospot.server.convert.ConverterSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./stereospot server --converter …}: the setting reaches the server; mistakes are sentences. */
class ServerConverterOptionsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dataDir;

    @Test
    void theChosenConverterIsTheServers() throws Exception {
        ServerCommand command = new ServerCommand(Map.of());
        try (StreamServer server = command.start(List.of("--port", "0", "--data-dir", dataDir.toString(),
                "--converter", "command", "--converter-command", "iw3 -i {input} -o {output} --half-sbs"),
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertThat(server.config().converter())
                    .isEqualTo(ConverterSettings.command("iw3 -i {input} -o {output} --half-sbs"));
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains("Converter command: iw3 -i {input} -o {output} --half-sbs");
        }
    }

    @Test
    void sbsIsTheDefaultAndTakesASize() throws Exception {
        ServerCommand command = new ServerCommand(Map.of());
        try (StreamServer server = command.start(List.of("--port", "0", "--data-dir", dataDir.toString(),
                "--sbs-size", "1920x1080"), new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertThat(server.config().converter().kind()).isEqualTo(ConverterKind.SBS);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("Converter sbs 1920x1080");
        }
    }

    @Test
    void wrongConverterOptionsAreUsageErrors() {
        CommandLine commandLine = new CommandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), List.of(new ServerCommand(Map.of())));
        assertThat(commandLine.run(new String[] {"server", "--converter", "depth"}))
                .isEqualTo(CommandLine.USAGE_ERROR);
        assertThat(commandLine.run(new String[] {"server", "--converter", "command"}))
                .isEqualTo(CommandLine.USAGE_ERROR);
        assertThat(commandLine.run(new String[] {"server", "--converter-command", "cp {input}"}))
                .isEqualTo(CommandLine.USAGE_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("Unknown converter \"depth\"; choose one of sbs, copy, command.")
                .contains("--converter command needs --converter-command")
                .contains("must contain both {input} and {output}")
                .contains("--converter sbs|copy|command");
    }
}
