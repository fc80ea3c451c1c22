package io.stereospot.app.cli;

import io.stereospot.server.convert.ConverterSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The converter choice, the same for {@code server} and {@code converter}. */
final class ConverterOptions {

    @Option(names = "--converter", paramLabel = "depth|sbs|copy|command",
            description = "How each chunk becomes a segment: depth (default: half side-by-side 3D from a depth map"
                    + " per frame), sbs (flat half side-by-side, 3D off), copy (unchanged), command (an external"
                    + " program such as iw3) (env STEREOSPOT_CONVERTER).")
    String converter;

    @Option(names = "--depth-strength", paramLabel = "PERCENT",
            description = "For --converter depth: the divergence, the disparity from far to near in %% of the width"
                    + " of one view, 0-10 (default 2, as iw3) (env STEREOSPOT_DEPTH_STRENGTH).")
    Double depthStrength;

    @Option(names = "--depth-convergence", paramLabel = "0..1",
            description = "For --converter depth: the depth on the screen plane, 0 = all in front, 1 = all behind"
                    + " (default 0.5) (env STEREOSPOT_DEPTH_CONVERGENCE).")
    Double depthConvergence;

    @Option(names = "--depth-model", paramLabel = "PATH",
            description = "For --converter depth: a depth model (ONNX) file to use instead of the built-in"
                    + " approximate depth (env STEREOSPOT_DEPTH_MODEL).")
    Path depthModel;

    @Option(names = "--converter-command", paramLabel = "\"… {input} … {output}\"",
            description = "The program line for --converter command, with {input} and {output}; with"
                    + " --converter-persistent the program that takes one job per line on stdin"
                    + " (env STEREOSPOT_CONVERTER_COMMAND).")
    String converterCommand;

    @Option(names = "--converter-persistent",
            description = "Start the --converter-command program once and keep it: it reads one JSON job per line"
                    + " ({\"input\",\"output\",\"session\",\"index\"}) and answers one line ({\"ok\":true}).")
    boolean persistent;

    @Option(names = "--sbs-size", paramLabel = "WxH",
            description = "Size of the side-by-side frame for --converter depth or sbs (default: the source's size;"
                    + " env STEREOSPOT_SBS_SIZE).")
    String sbsSize;

    /** @throws IllegalArgumentException with a sentence for the user */
    ConverterSettings settings() {
        return ConverterSettings.fromOptions(persistent && converter == null ? "command" : converter, converterCommand,
                sbsSize, persistent, depthStrength, depthConvergence, depthModel);
    }
}
