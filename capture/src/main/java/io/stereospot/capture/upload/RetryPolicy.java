package io.stereospot.capture.upload;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a chunk upload is tried: {@code maxAttempts} in all, waiting a jittered,
 * exponentially growing, capped delay between them ("full jitter": uniform in [base/2, min(cap, base·2^n)]).
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    /** 3 attempts, 0.5 s then about 1 s between them, never more than 4 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(4));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("Need 0 <= baseDelay <= maxDelay");
        }
    }

    /** The wait before attempt {@code attempt + 1}, after {@code attempt} (1-based) failed. */
    public Duration delayAfter(int attempt) {
        long base = baseDelay.toMillis();
        long ceiling = Math.min(maxDelay.toMillis(), base << Math.min(attempt - 1, 20));
        long floor = Math.min(ceiling, base / 2);
        long jitter = ceiling > floor ? ThreadLocalRandom.current().nextLong(ceiling - floor + 1) : 0;
        return Duration.ofMillis(floor + jitter);
    }
}
