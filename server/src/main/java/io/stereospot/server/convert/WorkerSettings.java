package io.stereospot.server.convert;

import dev.failsafe.RetryPolicy;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * How the converter worker paces itself.
 *
 * @param parallelSessions sessions converted at the same time (each session's chunks stay in order)
 * @param attempts         tries per chunk before the worker gives up on it and the playlist stops there
 * @param retryBackoff     wait before the second try; it grows linearly with each further try
 * @param pollInterval     how often {@code ingest} lists the whole input prefix: the only way to notice chunks on
 *                         AWS S3, a safety net where the local store notifies
 */
public record WorkerSettings(int parallelSessions, int attempts, Duration retryBackoff, Duration pollInterval) {

    public WorkerSettings {
        if (parallelSessions < 1 || attempts < 1) {
            throw new IllegalArgumentException("The worker needs at least one session slot and one attempt.");
        }
        if (retryBackoff.isNegative() || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("Worker intervals must be positive.");
        }
    }

    public static WorkerSettings defaults() {
        return new WorkerSettings(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), 3,
                Duration.ofSeconds(2), Duration.ofSeconds(1));
    }

    /**
     * {@code attempts} tries at a chunk, waiting {@code retryBackoff} times the number of tries so far between them;
     * each retry is logged on {@code log}.
     */
    RetryPolicy<String> retryPolicy(Logger log, String sessionId, int index) {
        return RetryPolicy.<String>builder()
                .handle(ConversionException.class)
                .withMaxAttempts(attempts)
                .withDelayFn(attempt -> retryBackoff.multipliedBy(attempt.getAttemptCount()))
                .onRetry(event -> log.warn("Session {}: converting chunk {} failed (attempt {} of {}), retrying: {}",
                        sessionId, index, event.getAttemptCount(), attempts, event.getLastException().getMessage()))
                .build();
    }

    public WorkerSettings withPollInterval(Duration interval) {
        return new WorkerSettings(parallelSessions, attempts, retryBackoff, interval);
    }

    public WorkerSettings withRetryBackoff(Duration backoff) {
        return new WorkerSettings(parallelSessions, attempts, backoff, pollInterval);
    }

    public WorkerSettings withParallelSessions(int sessions) {
        return new WorkerSettings(sessions, attempts, retryBackoff, pollInterval);
    }
}
