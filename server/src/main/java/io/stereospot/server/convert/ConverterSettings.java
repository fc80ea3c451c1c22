package io.stereospot.server.convert;

import io.stereospot.server.convert.depth.ApproximateDepth;
import io.stereospot.server.convert.depth.model.DepthModelLoop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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
 * @param depthSettings   for {@link ConverterKind#DEPTH}: strength, convergence and an optional model file
 */
public record ConverterSettings(ConverterKind kind, int sbsWidthPx, int sbsHeightPx, String commandTemplate,
        boolean persistent, DepthSettings depthSettings) {

    private static final Pattern SIZE = Pattern.compile("(\\d{2,5})x(\\d{2,5})");

    public ConverterSettings {
        if (kind == null) {
            throw new IllegalArgumentException("A converter must be chosen.");
        }
        if (depthSettings == null) {
            depthSettings = DepthSettings.defaults();
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

    /** Without depth settings (their defaults), as every converter but depth is made. */
    public ConverterSettings(ConverterKind kind, int sbsWidthPx, int sbsHeightPx, String commandTemplate,
            boolean persistent) {
        this(kind, sbsWidthPx, sbsHeightPx, commandTemplate, persistent, DepthSettings.defaults());
    }

    /** What a user gets without options: depth, since the product's promise is 3D (issue 24). */
    public static ConverterSettings defaults() {
        return depth();
    }

    public static ConverterSettings depth() {
        return depth(0, 0, DepthSettings.defaults());
    }

    public static ConverterSettings depth(int widthPx, int heightPx, DepthSettings depth) {
        return new ConverterSettings(ConverterKind.DEPTH, widthPx, heightPx, null, false, depth);
    }

    /** Flat half side-by-side: also what tests pin when they are about the server, not about depth. */
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
     * From the command line: {@code --converter depth|sbs|copy|command}, {@code --converter-command "…"},
     * {@code --sbs-size WxH}. Null arguments mean "not given".
     */
    public static ConverterSettings fromOptions(String converter, String commandTemplate, String sbsSize) {
        return fromOptions(converter, commandTemplate, sbsSize, false);
    }

    /** The same with {@code --converter-persistent}. */
    public static ConverterSettings fromOptions(String converter, String commandTemplate, String sbsSize,
            boolean persistent) {
        return fromOptions(converter, commandTemplate, sbsSize, persistent, null, null, null);
    }

    /** The same with {@code --depth-strength}, {@code --depth-convergence} and {@code --depth-model}. */
    public static ConverterSettings fromOptions(String converter, String commandTemplate, String sbsSize,
            boolean persistent, Double depthStrengthPercent, Double depthConvergence, Path depthModel) {
        ConverterKind kind = converter == null
                ? (commandTemplate != null ? ConverterKind.COMMAND : ConverterKind.DEPTH)
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
            if (kind != ConverterKind.SBS && kind != ConverterKind.DEPTH) {
                throw new IllegalArgumentException("--sbs-size is only used with --converter depth or sbs.");
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
        return new ConverterSettings(kind, width, height, commandTemplate, persistent,
                depthFromOptions(kind, depthStrengthPercent, depthConvergence, depthModel));
    }

    private static DepthSettings depthFromOptions(ConverterKind kind, Double strengthPercent, Double convergence,
            Path model) {
        if (strengthPercent == null && convergence == null && model == null) {
            return DepthSettings.defaults();
        }
        if (kind != ConverterKind.DEPTH) {
            throw new IllegalArgumentException("--depth-strength, --depth-convergence and --depth-model are only used"
                    + " with --converter depth.");
        }
        if (model != null && !Files.isRegularFile(model)) {
            throw new IllegalArgumentException("The depth model " + model + " does not exist (--depth-model); give"
                    + " the path of an ONNX file, or leave it out for the built-in depth.");
        }
        return new DepthSettings(strengthPercent == null ? DepthSettings.DEFAULT_STRENGTH_PERCENT : strengthPercent,
                convergence == null ? DepthSettings.DEFAULT_CONVERGENCE : convergence, model);
    }

    /** The converter; depth here is the model-free estimate only (no model, no download: tests, benchmarks). */
    public Converter create() {
        return create(null);
    }

    /**
     * The converter a server runs. Depth starts with the model-free estimate and gets the model in the background
     * ({@link DepthModelLoop}): the {@code --depth-model} file, else the one kept in or downloaded to
     * {@code <modelDataDir>/models}. Null {@code modelDataDir}: no model, as {@link #create()}.
     */
    public Converter create(Path modelDataDir) {
        return switch (kind) {
            case DEPTH -> modelDataDir == null
                    ? new DepthConverter(sbsWidthPx, sbsHeightPx, depthSettings, new ApproximateDepth())
                    : new DepthConverter(sbsWidthPx, sbsHeightPx, depthSettings,
                            DepthModelLoop.start(Optional.ofNullable(depthSettings.modelFile()), modelDataDir));
            case SBS -> new SbsConverter(sbsWidthPx, sbsHeightPx);
            case COPY -> new CopyConverter();
            case COMMAND -> persistent ? new PersistentCommandConverter(CommandTemplate.parseProgram(commandTemplate))
                    : new CommandConverter(CommandTemplate.parse(commandTemplate));
        };
    }

    public String describe() {
        return switch (kind) {
            case DEPTH -> "depth " + (sbsWidthPx == 0 ? "(source size)" : sbsWidthPx + "x" + sbsHeightPx)
                    + String.format(java.util.Locale.ROOT, ", strength %.1f %%, convergence %.2f", depthSettings.strengthPercent(),
                    depthSettings.convergence()) + (depthSettings.modelFile() == null ? "" : ", model "
                    + depthSettings.modelFile());
            case SBS -> sbsWidthPx == 0 ? "sbs (source size)" : "sbs " + sbsWidthPx + "x" + sbsHeightPx;
            case COPY -> "copy";
            case COMMAND -> (persistent ? "persistent command: " : "command: ") + commandTemplate;
        };
    }
}
