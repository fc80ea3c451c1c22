package io.stereospot.app.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Dispatches {@code ./stereospot [SUBCOMMAND] [ARGS]} to its {@link Subcommand}. */
public final class CommandLine {

    /** A status meaning "do not exit: a server or a window now owns the process". */
    public static final int KEEP_RUNNING = Integer.MIN_VALUE;
    public static final int USAGE_ERROR = 2;

    private static final Logger LOG = LoggerFactory.getLogger(CommandLine.class);

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, Subcommand> commands = new LinkedHashMap<>();

    public CommandLine(PrintStream out, PrintStream err) {
        this(out, err, Subcommands.all());
    }

    CommandLine(PrintStream out, PrintStream err, List<Subcommand> subcommands) {
        this.out = out;
        this.err = err;
        subcommands.forEach(c -> commands.put(c.name(), c));
    }

    public int run(String[] args) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help"))) {
            printHelp(out);
            return 0;
        }
        boolean named = args.length > 0 && !args[0].startsWith("-");
        Subcommand command = commands.get(named ? args[0] : "");
        if (command == null) {
            err.println(named ? "Unknown command '" + args[0] + "'." : "Unknown option '" + args[0] + "'.");
            printHelp(err);
            return USAGE_ERROR;
        }
        List<String> rest = Arrays.asList(args).subList(named ? 1 : 0, args.length);
        if (rest.contains("--help") || rest.contains("-h")) {
            out.println(command.usage());
            return 0;
        }
        try {
            return command.run(rest, out, err);
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println(command.usage());
            return USAGE_ERROR;
        } catch (Exception e) {
            LOG.debug("{} failed", command.name(), e);
            err.println(e.getMessage() == null ? "StereoSpot stopped: " + e : e.getMessage());
            return 1;
        }
    }

    private void printHelp(PrintStream to) {
        to.println("StereoSpot Stream: watch anything on your desktop in 3D (side by side) in PotPlayer.");
        to.println();
        to.println("Usage: ./stereospot [COMMAND] [OPTIONS]");
        to.println();
        to.println("Commands:");
        for (Subcommand c : commands.values()) {
            to.printf("  %-10s %s%n", c.name().isEmpty() ? "(none)" : c.name(), c.summary());
        }
        to.println();
        to.println("./stereospot COMMAND --help shows the options of one command.");
    }
}
