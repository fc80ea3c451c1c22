package io.stereospot.app.platform;

import java.awt.Desktop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Shows a folder in the desktop's file manager: {@code xdg-open} on Linux, {@link Desktop#open} elsewhere (AWT's
 * Desktop on Linux depends on GNOME libraries and would start AWT beside JavaFX). Slow: not on the FX thread.
 */
public final class FolderOpener {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** The program that opens a folder on Linux; null to use {@link Desktop}. */
    private final List<String> command;

    public FolderOpener(List<String> command) {
        this.command = command;
    }

    public static FolderOpener forThisPlatform() {
        return new FolderOpener(PlatformDirs.Os.named(System.getProperty("os.name")) == PlatformDirs.Os.LINUX
                ? List.of("xdg-open") : null);
    }

    /** Creates the folder when missing and opens it; empty when it opened, else a sentence saying why not. */
    public Optional<String> open(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            return Optional.of("Could not create the folder " + folder + ": " + e.getMessage());
        }
        if (command == null) {
            return openWithDesktop(folder);
        }
        List<String> line = new ArrayList<>(command);
        line.add(folder.toString());
        try {
            Process opener = new ProcessBuilder(line).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            // xdg-open usually hands the folder to the file manager and ends; one that is still running after a
            // while has become the file manager, which must keep running.
            if (opener.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS) && opener.exitValue() != 0) {
                return Optional.of("Could not open the folder (" + command.get(0) + " ended with status "
                        + opener.exitValue() + "). It is " + folder + ".");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("Could not open the folder (" + command.get(0) + " could not be started). It is "
                    + folder + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("Opening the folder was interrupted. It is " + folder + ".");
        }
    }

    private static Optional<String> openWithDesktop(Path folder) {
        if (!Desktop.isDesktopSupported() || !Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
            return Optional.of("This desktop cannot open folders for StereoSpot. The folder is " + folder + ".");
        }
        try {
            Desktop.getDesktop().open(folder.toFile());
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("Could not open the folder (" + e.getMessage() + "). It is " + folder + ".");
        }
    }
}
