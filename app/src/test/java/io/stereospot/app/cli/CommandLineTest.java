package io.stereospot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private final Subcommand echo = new Subcommand() {
        @Override public String name() { return "echo"; }
        @Override public String summary() { return "prints its arguments"; }
        @Override public String usage() { return "Usage: ./stereospot echo WORDS"; }
        @Override public int run(List<String> args, PrintStream o, PrintStream e) throws UsageException {
            if (args.isEmpty()) {
                throw new UsageException("echo needs a word.");
            }
            o.println(String.join(" ", args));
            return 0;
        }
    };

    private CommandLine commandLine() {
        return new CommandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), List.of(echo));
    }

    @Test
    void helpListsEverySubcommand() {
        assertThat(commandLine().run(new String[] {"--help"})).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("echo").contains("prints its arguments");
    }

    @Test
    void dispatchesToTheNamedSubcommand() {
        assertThat(commandLine().run(new String[] {"echo", "a", "b"})).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("a b" + System.lineSeparator());
    }

    @Test
    void badArgumentsGiveTheSentenceAndUsageWithStatus2() {
        assertThat(commandLine().run(new String[] {"echo"})).isEqualTo(CommandLine.USAGE_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("echo needs a word.").contains("Usage:");
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertThat(commandLine().run(new String[] {"nope"})).isEqualTo(CommandLine.USAGE_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown command 'nope'");
    }
}
