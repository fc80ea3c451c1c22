package io.stereospot.capture.upload;

import dev.failsafe.RetryPolicyBuilder;
import dev.failsafe.event.ExecutionAttemptedEvent;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * How often and how patiently a chunk upload is tried: {@code maxAttempts} in all, waiting a jittered,
 * exponentially growing, capped delay between them ("full jitter": uniform in [base/2, min(cap, base·2^n)]).
 *
 * <p>The one place that builds the project's retry policies, on Failsafe: {@link #attempts} for a chunk's upload,
 * {@link #patient} for work that may wait out a short outage (ending a session while the server restarts). A
 * Failsafe backoff sleeps on the calling thread, so interrupting that thread cuts the wait short at once: that is
 * how a Stop cancels a pending retry.
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

    /**
     * Up to {@link #maxAttempts()} attempts, waiting {@link #delayAfter} between them; a failure {@code retryable}
     * rejects ends it at once. The caller adds its listeners and abort condition, then builds.
     */
    public <R> RetryPolicyBuilder<R> attempts(Predicate<Throwable> retryable) {
        return dev.failsafe.RetryPolicy.<R>builder()
                .handleIf(retryable::test)
                .withMaxAttempts(maxAttempts)
                .withDelayFn(context -> delayAfter(context.getAttemptCount()));
    }

    /**
     * Tries again while {@code retryable} accepts the failure and the next attempt can still start within
     * {@code patience} of the first one; an attempt that could only start later is not made, and the last failure
     * stands. Waits {@code firstDelay}, doubling up to {@code maxDelay}, without jitter: there is one caller, no
     * crowd to spread out. Build it right before use; the caller adds its listeners.
     */
    public static <R> RetryPolicyBuilder<R> patient(Duration patience, Duration firstDelay, Duration maxDelay,
            Predicate<Throwable> retryable) {
        AtomicReference<ExecutionAttemptedEvent<R>> lastFailure = new AtomicReference<>();
        return dev.failsafe.RetryPolicy.<R>builder()
                .handleIf(retryable::test)
                .withMaxRetries(-1)
                .withDelayFn(context -> backoff(firstDelay, maxDelay, context.getAttemptCount()))
                // Failsafe reports a failed attempt before it decides on the retry, so the abort sees this one.
                .onFailedAttempt(lastFailure::set)
                .abortIf((result, failure) -> {
                    ExecutionAttemptedEvent<R> last = lastFailure.get();
                    Duration next = backoff(firstDelay, maxDelay, last.getAttemptCount());
                    return last.getElapsedTime().plus(next).compareTo(patience) >= 0;
                });
    }

    /** The wait after {@code attempt} (1-based) failed, doubling from {@code firstDelay}, capped. */
    private static Duration backoff(Duration firstDelay, Duration maxDelay, int attempt) {
        long ms = firstDelay.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(maxDelay.toMillis(), ms));
    }
}
