package io.stereospot.app.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/** A command line that was wrong: one sentence, then the usage of the command it was for; status 2. */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(sentence(e));
        err.println();
        command.usage(err);
        return Cli.USAGE_ERROR;
    }

    static String sentence(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            if (first.startsWith("-")) {
                return "Unknown option '" + first + "'.";
            }
            boolean top = e.getCommandLine().getParent() == null;
            return top ? "Unknown command '" + first + "'." : "Unexpected argument '" + first + "'.";
        }
        if (e instanceof MissingParameterException missing && missing.getMissing().size() == 1
                && missing.getMissing().get(0) instanceof OptionSpec option) {
            return "'" + option.longestName() + "' needs a value.";
        }
        // Our converters say what is wrong in a whole sentence; picocli would wrap it in "Invalid value for …".
        if (e.getCause() instanceof TypeConversionException conversion) {
            return conversion.getMessage();
        }
        return e.getMessage().endsWith(".") ? e.getMessage() : e.getMessage() + ".";
    }
}
