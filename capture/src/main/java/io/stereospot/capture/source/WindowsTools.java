package io.stereospot.capture.source;

import io.stereospot.media.FfmpegBinaries;
import io.stereospot.media.FfmpegCommandLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Windows programs the catalog and the capture run: FFmpeg and our helper {@code stereospot-win.exe}
 * (native/windows/stereospot-win.c), and how they are started.
 *
 * @param launcher directly on Windows; through Wine in the tests
 * @param ffmpeg   ffmpeg.exe
 * @param helper   stereospot-win.exe
 */
record WindowsTools(ProgramLauncher launcher, Path ffmpeg, Path helper) {

    /** Set by stereospot.cmd: where the helper sits in the Windows zip. */
    static final String HELPER_PROPERTY = "stereospot.windowsHelper";

    /** On Windows: the bundled FFmpeg and the helper stereospot.cmd names. */
    static WindowsTools bundled() {
        String helper = System.getProperty(HELPER_PROPERTY, "stereospot-win.exe");
        return new WindowsTools(ProgramLauncher.DIRECT, FfmpegBinaries.ffmpeg(), Path.of(helper));
    }

    /** The helper's command line for these arguments, launcher first. */
    List<String> helperCommand(String... arguments) {
        if (launcher.prefix().isEmpty() && !Files.isRegularFile(helper)) {
            throw new SourceUnavailableException("StereoSpot's Windows helper (" + helper + ") is missing: start"
                    + " StereoSpot with stereospot.cmd from the unpacked zip.");
        }
        List<String> program = new java.util.ArrayList<>(List.of(helper.toString()));
        program.addAll(List.of(arguments));
        return launcher.command(program);
    }

    /** FFmpeg's command line, launcher first. */
    FfmpegCommandLine ffmpegCommandLine() {
        return FfmpegCommandLine.of(launcher.command(List.of(ffmpeg.toString())));
    }
}
