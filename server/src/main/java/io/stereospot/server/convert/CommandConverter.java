package io.stereospot.server.convert;

import io.stereospot.media.process.ExternalProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Runs an external program (iw3 or anything that reads and writes MP4) once per chunk. */
final class CommandConverter implements Converter {

    /** A depth model on a CPU can take minutes per 5 s chunk; beyond this something is stuck. */
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final CommandTemplate template;

    CommandConverter(CommandTemplate template) {
        this.template = template;
    }

    @Override
    public String name() {
        return "command";
    }

    @Override
    public void convert(Path input, Path output) throws ConversionException, InterruptedException {
        ExternalProcess.Result result;
        try {
            result = ConverterProcesses.run(template.argumentsFor(input, output), input.getParent(), TIMEOUT);
        } catch (IOException e) {
            throw new ConversionException("The converter command could not run (" + template.arguments().get(0)
                    + "): " + e.getMessage(), e);
        }
        if (!result.succeeded()) {
            throw new ConversionException("The converter command exited with status " + result.exitCode() + ": "
                    + result.stderrTail());
        }
        try {
            if (!Files.isRegularFile(output) || Files.size(output) == 0) {
                throw new ConversionException("The converter command finished but wrote nothing to {output}: "
                        + result.stderrTail());
            }
        } catch (IOException e) {
            throw new ConversionException("Could not read the converter's output: " + e.getMessage(), e);
        }
    }
}
