package io.stereospot.server.convert;

import java.time.Duration;

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
