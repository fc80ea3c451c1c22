package io.stereospot.app.cli;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every option that takes a value defaults to the variable {@code STEREOSPOT_} + its name ({@code --data-dir}:
 * {@code STEREOSPOT_DATA_DIR}), when that is set and not blank; the command line wins. Each option's help names
 * its variable (CliTableTest checks that it does).
 */
final class EnvironmentDefaults implements IDefaultValueProvider {

    private final Map<String, String> env;

    EnvironmentDefaults(Map<String, String> env) {
        this.env = env;
    }

    /** The variable of an option that takes a value; null for flags such as --mic and --help. */
    static String variableOf(OptionSpec option) {
        if (option.arity().max() == 0) {
            return null;
        }
        return "STEREOSPOT_" + option.longestName().replaceFirst("^-+", "").toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option)) {
            return null;
        }
        String variable = variableOf(option);
        String value = variable == null ? null : env.get(variable);
        return value == null || value.isBlank() ? null : value;
    }
}
