package io.stereospot.app.cli;

import io.stereospot.server.convert.ConverterSettings;
import picocli.CommandLine.Option;

/** The converter choice, the same for {@code server} and {@code converter}. */
final class ConverterOptions {

    @Option(names = "--converter", paramLabel = "sbs|copy|command",
            description = "How each chunk becomes a segment: sbs (default: flat half side-by-side), copy (unchanged),"
                    + " command (an external program such as iw3) (env STEREOSPOT_CONVERTER).")
    String converter;

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
            description = "Size of the side-by-side frame for --converter sbs (default: the source's size;"
                    + " env STEREOSPOT_SBS_SIZE).")
    String sbsSize;

    /** @throws IllegalArgumentException with a sentence for the user */
    ConverterSettings settings() {
        return ConverterSettings.fromOptions(persistent && converter == null ? "command" : converter, converterCommand,
                sbsSize, persistent);
    }
}
