package io.stereospot.app.cli;

import java.io.PrintStream;
import java.util.List;

/** One word after {@code ./stereospot}. */
public interface Subcommand {

    /** The word that selects it; empty for the command run with no arguments. */
    String name();

    /** One line for {@code --help}. */
    String summary();

    /** Usage lines shown by {@code ./stereospot NAME --help}. */
    String usage();

    /**
     * Runs it; returns the process exit status, or {@link CommandLine#KEEP_RUNNING} when it left non-daemon
     * threads (a server, a window) that own the process from now on.
     *
     * @throws UsageException for bad arguments: its message is shown with the usage
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
