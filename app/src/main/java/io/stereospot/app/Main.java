package io.stereospot.app;

import io.stereospot.app.cli.Cli;

/** Entry point of {@code ./stereospot}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int status = new Cli(System.out, System.err).run(args);
        if (status != Cli.KEEP_RUNNING) {
            System.exit(status);
        }
    }
}
