package io.stereospot.server.convert;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which converter the worker uses and how it is set up.
 *
 * @param sbsWidthPx  width of the whole side-by-side frame, or 0 to keep the source's size
 * @param sbsHeightPx height of the side-by-side frame, or 0 to keep the source's size
 * @param commandTemplate for {@link ConverterKind#COMMAND}: the program line with {input} and {output}, or for a
 *                        persistent one the program line that takes jobs on stdin
 * @param persistent      for {@link ConverterKind#COMMAND}: the program is started once and kept ({@link
 *                        PersistentCommandConverter}) instead of once per chunk
 */
public record ConverterSettings(ConverterKind kind, int sbsWidthPx, int sbsHeightPx, String commandTemplate,
        boolean persistent) {

    private static final Pattern SIZE = Pattern.compile("(\\d{2,5})x(\\d{2,5})");

    public ConverterSettings {
        if (kind == null) {
            throw new IllegalArgumentException("A converter must be chosen.");
        }
        if ((sbsWidthPx == 0) != (sbsHeightPx == 0)) {
            throw new IllegalArgumentException("Give both the width and the height of the SBS frame, or neither.");
        }
        // Each half is a yuv420p picture of its own: its width and height must be even.
        if (sbsWidthPx % 4 != 0 || sbsHeightPx % 2 != 0 || sbsWidthPx < 0 || sbsHeightPx < 0) {
            throw new IllegalArgumentException("The SBS size needs a width divisible by 4 and an even height, e.g. "
                    + "1920x1080.");
        }
        if (kind == ConverterKind.COMMAND && persistent) {
            CommandTemplate.parseProgram(commandTemplate);
        } else if (kind == ConverterKind.COMMAND) {
            CommandTemplate.parse(commandTemplate);
        } else if (persistent) {
            throw new IllegalArgumentException("Only a command converter can be persistent.");
        }
    }

    public static ConverterSettings defaults() {
        return sbs();
    }

    public static ConverterSettings sbs() {
        return new ConverterSettings(ConverterKind.SBS, 0, 0, null, false);
    }

    public static ConverterSettings sbs(int widthPx, int heightPx) {
        return new ConverterSettings(ConverterKind.SBS, widthPx, heightPx, null, false);
    }

    public static ConverterSettings copy() {
        return new ConverterSettings(ConverterKind.COPY, 0, 0, null, false);
    }

    public static ConverterSettings command(String template) {
        return new ConverterSettings(ConverterKind.COMMAND, 0, 0, template, false);
    }

    /** A program started once per worker that takes one job per line on stdin (see {@link PersistentCommandConverter}). */
    public static ConverterSettings persistentCommand(String program) {
        return new ConverterSettings(ConverterKind.COMMAND, 0, 0, program, true);
    }

    /**
     * From the command line: {@code --converter sbs|copy|command}, {@code --converter-command "…"},
     * {@code --sbs-size WxH}. Null arguments mean "not given".
     */
    public static ConverterSettings fromOptions(String converter, String commandTemplate, String sbsSize) {
        return fromOptions(converter, commandTemplate, sbsSize, false);
    }

    /** The same with {@code --converter-persistent}. */
    public static ConverterSettings fromOptions(String converter, String commandTemplate, String sbsSize,
            boolean persistent) {
        ConverterKind kind = converter == null
                ? (commandTemplate != null ? ConverterKind.COMMAND : ConverterKind.SBS)
                : ConverterKind.fromOption(converter);
        if (kind == ConverterKind.COMMAND && commandTemplate == null) {
            throw new IllegalArgumentException(persistent ? "--converter-persistent needs --converter-command \"PROGRAM\"."
                    : "--converter command needs --converter-command \"… {input} … {output}\".");
        }
        if (kind != ConverterKind.COMMAND && commandTemplate != null) {
            throw new IllegalArgumentException("--converter-command is only used with --converter command.");
        }
        int width = 0;
        int height = 0;
        if (sbsSize != null) {
            if (kind != ConverterKind.SBS) {
                throw new IllegalArgumentException("--sbs-size is only used with --converter sbs.");
            }
            Matcher m = SIZE.matcher(sbsSize);
            if (!m.matches()) {
                throw new IllegalArgumentException("--sbs-size must look like 1920x1080, not \"" + sbsSize + "\".");
            }
            width = Integer.parseInt(m.group(1));
            height = Integer.parseInt(m.group(2));
        }
        if (persistent && kind != ConverterKind.COMMAND) {
            throw new IllegalArgumentException("--converter-persistent is only used with --converter command.");
        }
        return new ConverterSettings(kind, width, height, commandTemplate, persistent);
    }

    public Converter create() {
        return switch (kind) {
            case SBS -> new SbsConverter(sbsWidthPx, sbsHeightPx);
            case COPY -> new CopyConverter();
            case COMMAND -> persistent ? new PersistentCommandConverter(CommandTemplate.parseProgram(commandTemplate))
                    : new CommandConverter(CommandTemplate.parse(commandTemplate));
        };
    }

    public String describe() {
        return switch (kind) {
            case SBS -> sbsWidthPx == 0 ? "sbs (source size)" : "sbs " + sbsWidthPx + "x" + sbsHeightPx;
            case COPY -> "copy";
            case COMMAND -> (persistent ? "persistent command: " : "command: ") + commandTemplate;
        };
    }
}
