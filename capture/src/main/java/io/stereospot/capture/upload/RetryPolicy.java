package io.stereospot.capture.upload;

import dev.failsafe.RetryPolicyBuilder;
import dev.failsafe.event.ExecutionAttemptedEvent;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * How often and how patiently a chunk upload is tried: {@code maxAttempts} in all, waiting between them a step that
 * grows by {@code multiplier} from {@code baseDelay} up to {@code maxDelay}, each wait stretched by a random 0-25 %
 * (never past {@code maxDelay}) so that clients of a restarted server do not all come back in the same instant.
 *
 * <p>The jitter only ever lengthens a wait, so {@link #minimumSpan()} is a promise: the last attempt comes at least
 * that long after the first failed one. The default makes it 32 s, so an outage of up to 30 s of the server or the
 * store (a restart, a Wi-Fi hiccup) is ridden out with the product's 3 attempts: attempt 2 comes 8-10 s after the
 * first failure (a quick restart is back by then), attempt 3 another 24-30 s later (at most 40 s after the first).
 * Meanwhile capture goes on and complete chunks wait in the spool; {@code SpoolLimit} bounds how many. (OBS waits
 * 2 s and then 1.5 times longer each time, but retries without limit; with 3 attempts the steps must be longer.)
 *
 * <p>The one place that builds the project's retry policies, on Failsafe: {@link #attempts} for a chunk's upload,
 * {@link #patient} for work that may wait out a short outage (ending a session while the server restarts). A
 * Failsafe backoff sleeps on the calling thread, so interrupting that thread cuts the wait short at once: that is
 * how a Stop cancels a pending retry.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, double multiplier, Duration maxDelay) {

    /** 3 attempts, 8-10 s and then 24-30 s between them: the last at least 32 s after the first failure. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(8), 3.0, Duration.ofSeconds(30));

    /** The largest share by which jitter lengthens a wait. */
    private static final double JITTER = 0.25;

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("Need 0 <= baseDelay <= maxDelay");
        }
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("multiplier must be at least 1");
        }
    }

    /** Waits that double from {@code baseDelay} up to {@code maxDelay}. */
    public RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
        this(maxAttempts, baseDelay, 2.0, maxDelay);
    }

    /** The wait before attempt {@code attempt + 1}, after {@code attempt} (1-based) failed, before jitter. */
    public Duration stepAfter(int attempt) {
        double ms = baseDelay.toMillis() * Math.pow(multiplier, Math.min(attempt - 1, 60));
        return Duration.ofMillis((long) Math.min(maxDelay.toMillis(), ms));
    }

    /** The wait before attempt {@code attempt + 1}: its step, lengthened by up to 25 %, at most {@code maxDelay}. */
    public Duration delayAfter(int attempt) {
        long step = stepAfter(attempt).toMillis();
        long longest = Math.min(maxDelay.toMillis(), step + (long) (step * JITTER));
        long jitter = longest > step ? ThreadLocalRandom.current().nextLong(longest - step + 1) : 0;
        return Duration.ofMillis(step + jitter);
    }

    /** The least time from the first attempt's failure to the last attempt: the longest outage ridden out. */
    public Duration minimumSpan() {
        Duration span = Duration.ZERO;
        for (int attempt = 1; attempt < maxAttempts; attempt++) {
            span = span.plus(stepAfter(attempt));
        }
        return span;
    }

    /** The most time from the first attempt's failure to the last attempt (the attempts' own time aside). */
    public Duration maximumSpan() {
        long ms = 0;
        for (int attempt = 1; attempt < maxAttempts; attempt++) {
            long step = stepAfter(attempt).toMillis();
            ms += Math.min(maxDelay.toMillis(), step + (long) (step * JITTER));
        }
        return Duration.ofMillis(ms);
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
