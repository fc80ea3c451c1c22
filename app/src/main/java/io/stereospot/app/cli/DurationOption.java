package io.stereospot.app.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A time given on the command line: {@code 90s}, {@code 5m}, {@code 1.5h}, {@code 500ms}; a bare number is seconds. */
abstract class DurationOption implements ITypeConverter<Duration> {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

    private final String flag;

    /** @param flag the option's name, for the sentence when a value is not a time */
    DurationOption(String flag) {
        this.flag = flag;
    }

    @Override
    public Duration convert(String value) {
        Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new TypeConversionException(flag + " takes a time such as 90s, 5m or 1h, not '" + value + "'.");
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

    /** {@code capture --duration}: at least a second. */
    static final class CaptureDuration extends DurationOption {
        CaptureDuration() {
            super("--duration");
        }

        @Override
        public Duration convert(String value) {
            Duration duration = super.convert(value);
            if (duration.toMillis() < 1000) {
                throw new TypeConversionException("--duration must be at least 1 s.");
            }
            return duration;
        }
    }

    /** {@code server --credential-lifetime}: the server checks the range, which depends on the store. */
    static final class CredentialLifetime extends DurationOption {
        CredentialLifetime() {
            super("--credential-lifetime");
        }
    }
}
