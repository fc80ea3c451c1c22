package io.stereospot.app.cli;

import java.util.List;

/** Every subcommand of {@code ./stereospot}, in the order {@code --help} lists them. */
final class Subcommands {

    private Subcommands() {
    }

    static List<Subcommand> all() {
        return List.of(new GuiCommand(), new CaptureCommand(), new SourcesCommand(), new ServerCommand());
    }
}
