package io.stereospot.server.bench;

import io.stereospot.media.process.ExternalProcess;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs wrk (the Debian package) against one URL and reads its summary. */
final class Wrk {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern P50 = Pattern.compile("\\n\\s+50%\\s+([\\d.]+)(us|ms|s)");
    private static final Pattern P99 = Pattern.compile("\\n\\s+99%\\s+([\\d.]+)(us|ms|s)");
    private static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses: (\\d+)|Socket errors: .*");

    record Result(double requestsPerSecond, double p50Ms, double p99Ms, String errors) {
        @Override
        public String toString() {
            return String.format("%.0f req/s, p50 %.2f ms, p99 %.2f ms%s", requestsPerSecond, p50Ms, p99Ms,
                    errors.isEmpty() ? "" : " (" + errors + ")");
        }
    }

    private Wrk() {
    }

    static Result run(URI url, int connections, int threads, Duration duration) throws Exception {
        ExternalProcess.Result r = ExternalProcess.run(List.of("wrk", "-t" + threads, "-c" + connections,
                "-d" + duration.toSeconds() + "s", "--latency", url.toString()), null, duration.plusSeconds(30));
        if (!r.succeeded()) {
            throw new IllegalStateException("wrk failed: " + r.stderrTail());
        }
        String out = r.stdout();
        Matcher errors = ERRORS.matcher(out);
        return new Result(number(RATE, out), millis(P50, out), millis(P99, out), errors.find() ? errors.group() : "");
    }

    private static double number(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("wrk output without " + p + ":\n" + text);
        }
        return Double.parseDouble(m.group(1));
    }

    private static double millis(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("wrk output without " + p + ":\n" + text);
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }
}
