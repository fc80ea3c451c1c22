package io.stereospot.capture.source;

import java.util.ArrayList;
import java.util.List;

/**
 * How this computer starts the capture programs (FFmpeg, the Windows helper) and asks FFmpeg to stop. Directly,
 * on the platform they were built for; or, in the tests on Linux, the Windows programs with {@code wine} in front.
 *
 * @param prefix          words put before the program ({@code wine})
 * @param interruptToStop FFmpeg is stopped with SIGINT as well as {@code q}: under Wine, {@code q} on stdin never
 *                        reaches ffmpeg.exe (its PeekNamedPipe fails on a Unix pipe), while SIGINT to the wine
 *                        process ends it cleanly with the last chunk finished
 */
public record ProgramLauncher(List<String> prefix, boolean interruptToStop) {

    /** The program runs as itself and stops on {@code q}: Linux, macOS and real Windows. */
    public static final ProgramLauncher DIRECT = new ProgramLauncher(List.of(), false);

    public ProgramLauncher {
        prefix = List.copyOf(prefix);
    }

    /** Windows programs on Linux, through Wine (the environment carries WINEPREFIX). */
    public static ProgramLauncher wine() {
        return new ProgramLauncher(List.of("wine"), true);
    }

    /** The command line that runs {@code program} (program first) this way. */
    public List<String> command(List<String> program) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(program);
        return command;
    }
}
