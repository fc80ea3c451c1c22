package io.stereospot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuiCommandTest {

    @Test
    void isWhatRunsWithNoArgumentsAndListedInHelp() {
        assertThat(Subcommands.all()).anySatisfy(c -> assertThat(c).isInstanceOf(GuiCommand.class));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertThat(new CommandLine(print, print).run(new String[] {"--help"})).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("(none)").contains("StereoSpot Stream Capture window");
    }

    @Test
    void takesNoOptions() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new GuiCommand().run(List.of("--fullscreen"), sink, sink))
                .isInstanceOf(UsageException.class).hasMessageContaining("--fullscreen");
    }
}
