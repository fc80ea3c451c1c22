package io.stereospot.server.testing;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Latencies recorded from many threads, read as percentiles once the run is over. */
public final class Latencies {

    private final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();

    public void record(long elapsedNanos) {
        nanos.add(elapsedNanos);
    }

    /** Adds everything {@code other} recorded. */
    public void addAll(Latencies other) {
        nanos.addAll(other.nanos);
    }

    public int count() {
        return nanos.size();
    }

    /** The nearest-rank percentile in milliseconds; NaN when nothing was recorded. */
    public double percentileMs(double percent) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return percentileMs(sorted, percent);
    }

    /** The nearest-rank percentile in milliseconds of latencies already sorted; NaN for none. */
    public static double percentileMs(long[] sortedNanos, double percent) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percent / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(index, sortedNanos.length - 1))] / 1e6;
    }

    public double maxMs() {
        return nanos.stream().mapToLong(Long::longValue).max().orElse(0) / 1e6;
    }
}
