package io.stereospot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GuiCommandTest {

    @Test
    void isWhatRunsWithNoArgumentsAndListedInHelp() {
        CliRun run = CliRun.everyCommand(Map.of());
        assertThat(run.run("--help")).isZero();
        assertThat(run.out()).contains("(none)").contains("StereoSpot Stream Capture window").contains("gui");
    }

    @Test
    void takesNoOptions() {
        CliRun run = CliRun.everyCommand(Map.of());
        assertThat(run.run("gui", "--fullscreen")).isEqualTo(Cli.USAGE_ERROR);
        assertThat(run.err()).contains("--fullscreen");
        CliRun noCommand = CliRun.everyCommand(Map.of());
        assertThat(noCommand.run("--fullscreen")).isEqualTo(Cli.USAGE_ERROR);
        assertThat(noCommand.err()).contains("Unknown option '--fullscreen'.");
    }
}
