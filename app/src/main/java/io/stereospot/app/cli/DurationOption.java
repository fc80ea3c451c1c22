package io.stereospot.app.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A time given on the command line: {@code 90s}, {@code 5m}, {@code 1.5h}, {@code 500ms}; a bare number is seconds. */
final class DurationOption {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

    private DurationOption() {
    }

    /** @param flag the option's name, for the sentence when {@code value} is not a time */
    static Duration parse(String flag, String value) throws UsageException {
        Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new UsageException(flag + " takes a time such as 90s, 5m or 1h, not '" + value + "'.");
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        long ms = Math.round(amount * switch (unit) {
            case "ms" -> 1;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> 1000;
        });
        return Duration.ofMillis(ms);
    }
}
