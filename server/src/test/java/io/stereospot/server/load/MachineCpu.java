package io.stereospot.server.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** How busy the whole machine's cores were between two readings of {@code /proc/stat} (Linux only). */
final class MachineCpu {

    private final long busyStart;
    private final long totalStart;

    MachineCpu() {
        long[] now = read();
        busyStart = now[0];
        totalStart = now[1];
    }

    /** Percent of all cores' time spent on anything but idling since this object was made (100 = saturated). */
    double busyPercent() {
        long[] now = read();
        long total = now[1] - totalStart;
        return total == 0 ? Double.NaN : 100.0 * (now[0] - busyStart) / total;
    }

    /** {busy, total} jiffies of the "cpu" line: idle and iowait are the only idle columns. */
    private static long[] read() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
            long[] fields = Arrays.stream(line.trim().split("\\s+")).skip(1).limit(8).mapToLong(Long::parseLong)
                    .toArray();
            long total = Arrays.stream(fields).sum();
            return new long[] {total - fields[3] - fields[4], total};
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot read /proc/stat: " + e, e);
        }
    }
}
