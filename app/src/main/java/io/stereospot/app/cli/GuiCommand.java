package io.stereospot.app.cli;

import io.stereospot.app.gui.GuiEnvironment;
import io.stereospot.app.gui.GuiLauncher;
import io.stereospot.app.gui.StereoSpotWindow;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** {@code ./stereospot} with no arguments: the StereoSpot Stream Capture window. */
final class GuiCommand implements Subcommand {

    @Override
    public String name() {
        return "";
    }

    @Override
    public String summary() {
        return "Open the StereoSpot Stream Capture window (streams from this computer unless a server URL is set).";
    }

    @Override
    public String usage() {
        return "Usage: ./stereospot\n"
                + "  Opens the window: pick a screen or window, press Start streaming, copy the playlist URL into\n"
                + "  PotPlayer (3D SBS). Settings are kept in $XDG_CONFIG_HOME/stereospot/settings.properties\n"
                + "  (~/.config/stereospot/settings.properties).";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (!args.isEmpty()) {
            throw new UsageException("The window takes no options, but got: " + String.join(" ", args));
        }
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        String display = System.getenv("DISPLAY");
        if (linux && (display == null || display.isBlank())) {
            err.println("There is no display to open the window on (DISPLAY is not set): run ./stereospot inside "
                    + "your desktop session.");
            return 1;
        }
        StereoSpotWindow window = GuiLauncher.launch(GuiEnvironment.forThisUser());
        // Ctrl-C in the terminal or a logout's SIGTERM: the same graceful stop as closing the window (last chunk
        // uploaded, session ended), done from the hook's own thread.
        Runtime.getRuntime().addShutdownHook(new Thread(window::stopForExit, "stereospot-gui-shutdown"));
        return CommandLine.KEEP_RUNNING;
    }
}
