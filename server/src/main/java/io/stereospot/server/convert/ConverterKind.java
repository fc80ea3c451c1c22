package io.stereospot.server.convert;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The converters one can choose with {@code --converter}. */
public enum ConverterKind {
    /** Half side-by-side with a depth map per frame: two views, near things out of the screen. The default. */
    DEPTH,
    /** Flat half side-by-side: the frame squeezed to half width, twice. What PotPlayer's 3D SBS mode expects. */
    SBS,
    /** The chunk as it is (2D). */
    COPY,
    /** An external program, e.g. iw3, given as a template with {input} and {output}. */
    COMMAND;

    public String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConverterKind fromOption(String value) {
        for (ConverterKind kind : values()) {
            if (kind.optionValue().equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown converter \"" + value + "\"; choose one of "
                + Arrays.stream(values()).map(ConverterKind::optionValue).collect(Collectors.joining(", ")) + ".");
    }
}
