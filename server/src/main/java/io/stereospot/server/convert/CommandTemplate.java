package io.stereospot.server.convert;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A converter program line such as {@code python -m iw3.cli -i {input} -o {output} --half-sbs}, split into
 * arguments like a POSIX shell would (quotes, backslash), but run without a shell: the chunk paths are substituted
 * into arguments after splitting, so a space or a quote in a path can never change the command.
 */
public final class CommandTemplate {

    public static final String INPUT = "{input}";
    public static final String OUTPUT = "{output}";

    private final String source;
    private final List<String> arguments;

    private CommandTemplate(String source, List<String> arguments) {
        this.source = source;
        this.arguments = List.copyOf(arguments);
    }

    public static CommandTemplate parse(String template) {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("The converter command is empty; give a program line with {input} "
                    + "and {output}.");
        }
        List<String> args = split(template);
        if (args.stream().noneMatch(a -> a.contains(INPUT)) || args.stream().noneMatch(a -> a.contains(OUTPUT))) {
            throw new IllegalArgumentException("The converter command must contain both {input} and {output}.");
        }
        return new CommandTemplate(template, args);
    }

    /**
     * A program line for a persistent converter: it is given its jobs on stdin, so it needs no {input} or {output}.
     */
    public static CommandTemplate parseProgram(String template) {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("The converter command is empty; give the program line of the "
                    + "persistent converter.");
        }
        return new CommandTemplate(template, split(template));
    }

    public List<String> argumentsFor(Path input, Path output) {
        List<String> out = new ArrayList<>(arguments.size());
        for (String arg : arguments) {
            out.add(arg.replace(INPUT, input.toString()).replace(OUTPUT, output.toString()));
        }
        return out;
    }

    public List<String> arguments() {
        return arguments;
    }

    @Override
    public String toString() {
        return source;
    }

    private static List<String> split(String line) {
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inArgument = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                    current.append(line.charAt(++i));
                } else {
                    current.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inArgument = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                current.append(line.charAt(++i));
                inArgument = true;
            } else if (Character.isWhitespace(c)) {
                if (inArgument) {
                    args.add(current.toString());
                    current.setLength(0);
                    inArgument = false;
                }
            } else {
                current.append(c);
                inArgument = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("The converter command has an unclosed " + quote + " quote.");
        }
        if (inArgument) {
            args.add(current.toString());
        }
        return args;
    }
}
