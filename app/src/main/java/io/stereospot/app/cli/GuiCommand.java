package io.stereospot.app.cli;

import io.stereospot.app.gui.GuiEnvironment;
import io.stereospot.app.gui.GuiLauncher;
import io.stereospot.app.gui.StereoSpotWindow;
import io.stereospot.app.platform.PlatformDirs;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./stereospot} with no arguments (or {@code ./stereospot gui}): the StereoSpot Stream Capture window. */
@Command(name = GuiCommand.NAME, mixinStandardHelpOptions = true,
        description = {"Open the StereoSpot Stream Capture window (what ./stereospot does with no command).",
                "Pick a screen or window, press Start streaming, copy the playlist URL into PotPlayer (3D SBS). It"
                        + " streams from this computer unless a server URL is set in its settings."},
        footer = {"", "On Linux the settings are in $XDG_CONFIG_HOME/stereospot/settings.properties"
                + " (~/.config/stereospot/settings.properties) and the log in $XDG_STATE_HOME/stereospot/stereospot.log"
                + " (~/.local/state/stereospot/stereospot.log)."})
final class GuiCommand implements Callable<Integer> {

    static final String NAME = "gui";

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        boolean linux = PlatformDirs.Os.named(System.getProperty("os.name")) == PlatformDirs.Os.LINUX;
        String display = System.getenv("DISPLAY");
        if (linux && (display == null || display.isBlank())) {
            spec.commandLine().getErr().println("There is no display to open the window on (DISPLAY is not set):"
                    + " run ./stereospot inside your desktop session.");
            return Cli.FAILURE;
        }
        StereoSpotWindow window = GuiLauncher.launch(GuiEnvironment.forThisUser());
        // Ctrl-C in the terminal or a logout's SIGTERM: the same graceful stop as closing the window (last chunk
        // uploaded, session ended), done from the hook's own thread.
        Runtime.getRuntime().addShutdownHook(new Thread(window::stopForExit, "stereospot-gui-shutdown"));
        return Cli.KEEP_RUNNING;
    }
}
