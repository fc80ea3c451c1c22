package io.stereospot.app.cli;

import io.stereospot.app.platform.AppVersion;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * {@code ./stereospot [COMMAND] [OPTIONS]} on picocli. Exit statuses: 0 success; 1 a failure, printed as one
 * sentence; 2 a usage error, printed as one sentence and the usage; 130 a second Ctrl-C during a capture.
 */
public final class Cli {

    /** A status meaning "do not exit: a server or a window now owns the process". */
    public static final int KEEP_RUNNING = Integer.MIN_VALUE;
    public static final int FAILURE = 1;
    public static final int USAGE_ERROR = 2;
    public static final int INTERRUPTED_TWICE = 130;
    /** The word the packaging runs to write the bash completion script. */
    public static final String GENERATE_COMPLETION = "generate-completion";

    private static final int USAGE_WIDTH = 100;

    /**
     * What goes to the log file only (logback.xml): which command ran where, and a failure's whole story (the
     * terminal gets its sentence).
     */
    private static final Logger FILE_ONLY = LoggerFactory.getLogger("stereospot.file");

    private final CommandLine commandLine;

    /** The real thing: every subcommand, this process's environment. */
    public Cli(PrintStream out, PrintStream err) {
        this(out, err, System.getenv(), List.of(new GuiCommand(), new CaptureCommand(), new SourcesCommand(),
                new ServerCommand(), new ConverterCommand(), new QueueCommand()));
    }

    /** @param subcommands picocli commands (tests pass theirs with their own environment) */
    Cli(PrintStream out, PrintStream err, Map<String, String> env, List<Object> subcommands) {
        commandLine = new CommandLine(new StereoSpotCommand());
        subcommands.forEach(commandLine::addSubcommand);
        commandLine.addSubcommand(new CommandLine.HelpCommand());
        CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
        completion.getCommandSpec().usageMessage().hidden(true);
        commandLine.addSubcommand(GENERATE_COMPLETION, completion);
        // Set after the subcommands are added: picocli copies these settings to the subcommands it has.
        commandLine.setOut(writer(out));
        commandLine.setErr(writer(err));
        commandLine.setDefaultValueProvider(new EnvironmentDefaults(env));
        // "--source -h" gives --source the value "-h" instead of printing the help.
        commandLine.setAllowOptionsAsOptionParameters(true);
        commandLine.setParameterExceptionHandler(new UsageErrors());
        commandLine.setExecutionStrategy(parsed -> {
            // The command's name only: its arguments may hold a server URL with a password.
            FILE_ONLY.info("{}: {} on {} {} ({}), Java {}", AppVersion.nameAndVersion(), commandName(parsed),
                    System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"),
                    System.getProperty("java.version"));
            return new CommandLine.RunLast().execute(parsed);
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            FILE_ONLY.info("{} failed", cmd.getCommandName(), e);
            cmd.getErr().println(e.getMessage() == null || e.getMessage().isBlank()
                    ? "StereoSpot stopped: " + e : e.getMessage());
            return FAILURE;
        });
        commandLine.setUsageHelpWidth(USAGE_WIDTH);
        commandLine.getCommandSpec().version(AppVersion.nameAndVersion());
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            sub.getCommandSpec().version(AppVersion.nameAndVersion());
            sub.getCommandSpec().usageMessage().descriptionHeading("%n").optionListHeading("%nOptions:%n");
        }
    }

    /** Runs the command line; returns the exit status, or {@link #KEEP_RUNNING}. */
    public int run(String... args) {
        return commandLine.execute(args);
    }

    private static String commandName(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult last = parsed;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        return last.commandSpec().qualifiedName();
    }

    /** The top command's picocli model (tests walk it to check every option's help). */
    CommandLine commandLine() {
        return commandLine;
    }

    /** Picocli writes through the stream itself, so text keeps the stream's own encoding. */
    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new Writer() {
            @Override
            public void write(char[] chars, int offset, int length) {
                stream.print(new String(chars, offset, length));
            }

            @Override
            public void flush() {
                stream.flush();
            }

            @Override
            public void close() {
                stream.flush();
            }
        }, true);
    }
}
