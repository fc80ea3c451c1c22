package io.stereospot.app.cli;

import io.stereospot.server.StreamServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** One command line run in-process, with what it printed on stdout and stderr. */
final class CliRun {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Cli cli;

    /** @param commands the subcommands, built with {@code env} (the gui needs none) */
    CliRun(Map<String, String> env, Object... commands) {
        cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env, List.of(commands));
    }

    /** Every subcommand, with an empty environment: for what never reaches a display or a server. */
    static CliRun everyCommand(Map<String, String> env) {
        return new CliRun(env, new GuiCommand(), new CaptureCommand(env, b -> b), new SourcesCommand(env),
                new ServerCommand(env), new ConverterCommand(), new QueueCommand());
    }

    Cli cli() {
        return cli;
    }

    int run(String... args) {
        return cli.run(args);
    }

    /**
     * Parses {@code server ARGS} as the command line does (environment defaults included) and starts that server,
     * without the shutdown hook {@code call()} adds; the caller closes it.
     */
    static StreamServer startServer(Map<String, String> env, PrintStream printed, String... args) {
        ServerCommand command = new ServerCommand(env);
        Cli cli = new Cli(printed, printed, env, List.of(command));
        cli.commandLine().parseArgs(Stream.concat(Stream.of("server"), Stream.of(args)).toArray(String[]::new));
        return command.start(cli.commandLine().getSubcommands().get("server").getOut());
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
