package io.stereospot.app;

import io.stereospot.app.cli.CommandLine;

/** Entry point of {@code ./stereospot}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int status = new CommandLine(System.out, System.err).run(args);
        if (status != CommandLine.KEEP_RUNNING) {
            System.exit(status);
        }
    }
}
