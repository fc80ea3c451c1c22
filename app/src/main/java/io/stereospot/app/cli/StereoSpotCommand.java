package io.stereospot.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./stereospot}: with no command it opens the window, as {@code ./stereospot gui} does. */
@Command(name = "stereospot", mixinStandardHelpOptions = true,
        header = "StereoSpot Stream: watch anything on your desktop in 3D (side by side) in PotPlayer.",
        synopsisHeading = "%nUsage: ",
        description = {"", "With no command (none), ./stereospot opens the StereoSpot Stream Capture window, as gui does."},
        commandListHeading = "%nCommands:%n",
        optionListHeading = "%nOptions:%n",
        footer = {"", "./stereospot COMMAND --help shows the options of one command.",
                "Options take their value as --opt value or --opt=value; each option with a value can also come from"
                        + " the STEREOSPOT_* variable its help names (the command line wins).",
                "Exit status: 0 done; 1 failed (one sentence says why); 2 wrong usage; 130 a second Ctrl-C."})
final class StereoSpotCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return ((GuiCommand) spec.subcommands().get(GuiCommand.NAME).getCommand()).call();
    }
}
