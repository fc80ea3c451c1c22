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
        if (sorted.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }

    public double maxMs() {
        return nanos.stream().mapToLong(Long::longValue).max().orElse(0) / 1e6;
    }
}
