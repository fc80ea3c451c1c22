package io.stereospot.server.convert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The chunk, unchanged: for trying the pipeline without 3D, and for measuring its latency. */
final class CopyConverter implements Converter {

    @Override
    public String name() {
        return "copy";
    }

    @Override
    public void convert(Path input, Path output) throws ConversionException {
        try {
            Files.copy(input, output);
        } catch (IOException e) {
            throw new ConversionException("Could not copy the chunk: " + e.getMessage(), e);
        }
    }
}
