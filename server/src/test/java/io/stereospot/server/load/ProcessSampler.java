package io.stereospot.server.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * CPU and resident memory of another process, from {@code /proc} once a second (Linux only). CPU counts the process
 * and the children it has reaped (the converter's FFmpeg runs), in percent of one core.
 */
final class ProcessSampler implements AutoCloseable {

    /** USER_HZ: the unit of {@code /proc/PID/stat}'s times; 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final long pid;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "load-process-sampler");
        t.setDaemon(true);
        return t;
    });
    private final long startTicks;
    private final long startNanos = System.nanoTime();
    private volatile long peakRssKb;
    private volatile long lastRssKb;

    ProcessSampler(long pid) {
        this.pid = pid;
        this.startTicks = cpuTicks();
        timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    private void sample() {
        long rss = rssKb();
        lastRssKb = rss;
        peakRssKb = Math.max(peakRssKb, rss);
    }

    /** Mean CPU since the sampler started, in percent of one core (200 = both cores of this machine). */
    double cpuPercent() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return (cpuTicks() - startTicks) / TICKS_PER_SECOND / seconds * 100;
    }

    long peakRssMb() {
        return peakRssKb / 1024;
    }

    long lastRssMb() {
        return lastRssKb / 1024;
    }

    private long cpuTicks() {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // The command name may hold spaces: fields are counted after its closing parenthesis.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime, stime, cutime, cstime are fields 14-17 of the line, 12-15 after the name.
            return List.of(11, 12, 13, 14).stream().mapToLong(i -> Long.parseLong(fields[i])).sum();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot read the CPU time of process " + pid + ": " + e, e);
        }
    }

    private long rssKb() {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                    .findFirst().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
