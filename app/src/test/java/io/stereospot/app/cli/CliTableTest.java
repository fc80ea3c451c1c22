package io.stereospot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.app.platform.AppVersion;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every documented subcommand, option and exit status of {@code ./stereospot}, run in-process: what it prints on
 * stdout and stderr and the status it ends with. Rows that would open a window, start a server or capture are
 * left to GuiCommandTest, ServerCommandTest and CaptureAndSourcesCommandTest (which run them for real).
 */
class CliTableTest {

    private static final Map<String, String> NO_ENV = Map.of();
    /** No DISPLAY: sources and capture can only fail, with a sentence. */
    private static final Map<String, String> NO_DISPLAY = Map.of("PATH", "/usr/bin:/bin");

    private static Arguments row(Map<String, String> env, String args, int status, String stdoutHas, String stderrHas) {
        return Arguments.of(env, args, status, stdoutHas, stderrHas);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // help and version: status 0, on stdout
                row(NO_ENV, "--help", 0, "Usage: stereospot [-hV] [COMMAND]", ""),
                row(NO_ENV, "-h", 0, "Exit status: 0 done; 1 failed (one sentence says why); 2 wrong usage; 130", ""),
                row(NO_ENV, "help", 0, "With no command (none), ./stereospot opens the StereoSpot Stream Capture window", ""),
                row(NO_ENV, "help capture", 0, "--source=ID", ""),
                row(NO_ENV, "--version", 0, "StereoSpot Stream ", ""),
                row(NO_ENV, "-V", 0, "StereoSpot Stream ", ""),
                row(NO_ENV, "gui --help", 0, "Open the StereoSpot Stream Capture window", ""),
                row(NO_ENV, "capture --help", 0, "--server=URL", ""),
                row(NO_ENV, "capture -h", 0, "--duration=D", ""),
                row(NO_ENV, "sources --help", 0, "List the screens, windows and sound sources", ""),
                row(NO_ENV, "server --help", 0, "--credential-lifetime=T", ""),
                // a server flag that takes no value
                row(NO_ENV, "server --version", 0, "StereoSpot Stream ", ""),
                row(NO_ENV, "generate-completion", 0, "complete -F", ""),
                // usage errors: status 2, one sentence and the usage on stderr
                row(NO_ENV, "nope", 2, "", "Unknown command 'nope'."),
                row(NO_ENV, "--fullscreen", 2, "", "Unknown option '--fullscreen'."),
                row(NO_ENV, "gui --fullscreen", 2, "", "Unknown option '--fullscreen'."),
                row(NO_ENV, "capture --bogus", 2, "", "Unknown option '--bogus'."),
                row(NO_ENV, "capture", 2, "", "Say what to capture with --source (ids come from ./stereospot sources)."),
                row(NO_ENV, "capture --source", 2, "", "'--source' needs a value."),
                row(NO_ENV, "capture --source monitor-1", 2, "", "--source takes screen:N or window:0x…"),
                row(NO_ENV, "capture --source -h", 2, "", "--source takes screen:N or window:0x… (from ./stereospot"
                        + " sources), not '-h'."),
                row(NO_ENV, "capture --source=screen:0 --resolution=4k", 2, "", "Resolution must be auto, 720p or 1080p, not '4k'."),
                row(NO_ENV, "capture --source screen:0 --duration soon", 2, "",
                        "--duration takes a time such as 90s, 5m or 1h, not 'soon'."),
                row(NO_ENV, "capture --source screen:0 --duration=500ms", 2, "", "--duration must be at least 1 s."),
                row(NO_ENV, "capture --source screen:0 --server ftp://x", 2, "",
                        "The server must be an http(s) URL such as http://127.0.0.1:8470, not 'ftp://x'."),
                row(NO_ENV, "sources extra", 2, "", "Unexpected argument 'extra'."),
                row(NO_ENV, "server --port eighty", 2, "", "The port must be a number, not 'eighty'."),
                row(NO_ENV, "server --port=eighty", 2, "", "The port must be a number, not 'eighty'."),
                row(NO_ENV, "server --port 70000", 2, "", "The port must be 0"),
                row(NO_ENV, "server --port", 2, "", "'--port' needs a value."),
                row(NO_ENV, "server --verbose yes", 2, "", "Unknown option '--verbose'."),
                row(NO_ENV, "server --public-url ftp://x", 2, "", "The public URL must be an http(s) URL"),
                row(NO_ENV, "server --public-url -h", 2, "", "The public URL must be an http(s) URL"),
                row(NO_ENV, "server --credential-lifetime soon", 2, "",
                        "--credential-lifetime takes a time such as 90s, 5m or 1h, not 'soon'."),
                row(NO_ENV, "server --credential-lifetime 2h", 2, "",
                        "The credential lifetime must be between 1 s and 1 h (3600 s), not 7200 s."),
                row(NO_ENV, "server --credential-lifetime=500ms", 2, "",
                        "The credential lifetime must be between 1 s and 1 h (3600 s), not 0.5 s."),
                row(Map.of("STEREOSPOT_AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/up"),
                        "server --credential-lifetime 5m", 2, "",
                        "The credential lifetime must be between 900 s and 1 h (3600 s), not 300 s."),
                row(NO_ENV, "server --converter stereo", 2, "",
                        "Unknown converter \"stereo\"; choose one of depth, sbs, copy, command."),
                row(NO_ENV, "server --depth-strength 12", 2, "", "The depth strength must be between 0 and 10 %"),
                row(NO_ENV, "server --depth-convergence 1.5", 2, "", "The depth convergence must be between 0"),
                row(NO_ENV, "server --depth-model /nowhere/depth.onnx", 2, "",
                        "The depth model /nowhere/depth.onnx does not exist (--depth-model)"),
                row(NO_ENV, "server --converter sbs --depth-strength 2", 2, "",
                        "--depth-strength, --depth-convergence and --depth-model are only used with --converter depth."),
                row(Map.of("STEREOSPOT_DEPTH_STRENGTH", "11"), "server", 2, "",
                        "The depth strength must be between 0 and 10 %"),
                row(NO_ENV, "server --converter command", 2, "", "--converter command needs --converter-command"),
                row(NO_ENV, "server --converter-command=cp_{input}", 2, "", "must contain both {input} and {output}"),
                row(NO_ENV, "server --queue ftp://x", 2, "", "--queue takes a queue URL such as"),
                row(NO_ENV, "server --converter-persistent", 2, "", "--converter-persistent needs --converter-command"),
                row(NO_ENV, "converter --help", 0, "--queue=URL", ""),
                row(NO_ENV, "converter", 2, "", "--queue"),
                row(NO_ENV, "converter --queue=-h", 2, "", "--queue takes a queue URL such as"),
                row(NO_ENV, "converter --queue http://127.0.0.1:1/q --converter copy --converter-persistent", 2, "",
                        "--converter-persistent is only used with --converter command."),
                row(NO_ENV, "queue --help", 0, "--visibility-timeout=T", ""),
                row(NO_ENV, "queue --visibility-timeout soon", 2, "",
                        "--visibility-timeout takes a time such as 90s, 5m or 1h, not 'soon'."),
                // STEREOSPOT_* defaults go through the same checks
                row(Map.of("STEREOSPOT_PORT", "eighty"), "server", 2, "", "The port must be a number, not 'eighty'."),
                row(Map.of("STEREOSPOT_RESOLUTION", "4k"), "capture --source screen:0", 2, "",
                        "Resolution must be auto, 720p or 1080p, not '4k'."),
                row(Map.of("STEREOSPOT_SERVER", "ftp://x"), "capture --source screen:0", 2, "",
                        "The server must be an http(s) URL"),
                row(Map.of("STEREOSPOT_SOURCE", "monitor-1"), "capture", 2, "", "--source takes screen:N or window:0x…"),
                // failures: status 1, one sentence, no usage
                row(NO_DISPLAY, "sources", 1, "", "DISPLAY is not set"),
                row(NO_DISPLAY, "capture --source screen:0", 1, "", "DISPLAY is not set"));
    }

    @ParameterizedTest(name = "[{index}] {1} → {2}")
    @MethodSource("table")
    void everyCommandOptionAndStatus(Map<String, String> env, String args, int status, String stdoutHas,
                                     String stderrHas) {
        CliRun run = CliRun.everyCommand(env);
        int actual = run.run(args.split(" "));
        assertThat(actual).as("status of %s%nstdout:%n%s%nstderr:%n%s", args, run.out(), run.err()).isEqualTo(status);
        assertThat(run.out()).contains(stdoutHas);
        assertThat(run.err()).contains(stderrHas).doesNotContain("Exception").doesNotContain("\tat ");
        if (status == 0) {
            assertThat(run.err()).isEmpty();
        } else {
            List<String> lines = run.err().lines().filter(l -> !l.startsWith("Warning: ")).toList();
            assertThat(lines.get(0)).as("the first line is the sentence").contains(stderrHas).endsWith(".");
            if (status == Cli.USAGE_ERROR) {
                assertThat(run.err()).as("the usage of the command that was used wrongly").contains("Usage: ");
                assertThat(run.out()).as("no help on stdout").isEmpty();
            } else {
                assertThat(run.err()).doesNotContain("Usage: ");
            }
        }
    }

    @Test
    void versionIsTheProjectVersion() {
        CliRun run = CliRun.everyCommand(NO_ENV);
        assertThat(run.run("--version")).isZero();
        assertThat(AppVersion.version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(run.out()).isEqualTo("StereoSpot Stream " + AppVersion.version() + System.lineSeparator());
    }

    @Test
    void helpListsEveryCommandButTheCompletionGenerator() {
        CliRun run = CliRun.everyCommand(NO_ENV);
        assertThat(run.run("--help")).isZero();
        assertThat(run.out()).contains("gui", "capture", "sources", "server", "help", "--version", "--help")
                .doesNotContain(Cli.GENERATE_COMPLETION);
    }

    @Test
    void theCompletionScriptCompletesEveryCommandAndOption() {
        CliRun run = CliRun.everyCommand(NO_ENV);
        assertThat(run.run(Cli.GENERATE_COMPLETION)).isZero();
        assertThat(run.out()).startsWith("#!/usr/bin/env bash")
                .contains("complete -F _complete_stereospot -o default stereospot")
                .contains("capture", "sources", "server", "--credential-lifetime", "--system-audio");
    }

    @Test
    void everyOptionWithAValueNamesItsVariableInTheHelp() {
        CommandLine top = CliRun.everyCommand(NO_ENV).cli().commandLine();
        List<OptionSpec> withValues = top.getSubcommands().values().stream()
                .flatMap(c -> c.getCommandSpec().options().stream())
                .filter(o -> EnvironmentDefaults.variableOf(o) != null).toList();
        assertThat(withValues).extracting(OptionSpec::longestName)
                .contains("--server", "--source", "--resolution", "--duration", "--port", "--host", "--data-dir",
                        "--public-url", "--credential-lifetime", "--converter", "--converter-command", "--sbs-size",
                        "--depth-strength", "--depth-convergence", "--depth-model");
        for (OptionSpec option : withValues) {
            assertThat(String.join(" ", Arrays.asList(option.description())))
                    .as(option.longestName()).contains("env " + EnvironmentDefaults.variableOf(option));
        }
    }
}
