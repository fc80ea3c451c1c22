package io.stereospot.server.access;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A number of creates a minute for each of many callers (client addresses, or API keys), with Bucket4j: each caller
 * gets its whole allowance again every minute. Callers whose bucket is full again are forgotten once many are kept.
 */
final class CreateRates {

    private static final int FORGET_ABOVE = 10_000;

    private final int perMinute;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    CreateRates(int perMinute) {
        this.perMinute = perMinute;
    }

    /** Takes one create from the caller's allowance; false when none is left this minute. */
    boolean tryTake(String caller) {
        if (buckets.size() > FORGET_ABOVE) {
            buckets.values().removeIf(b -> b.getAvailableTokens() >= perMinute);
        }
        return buckets.computeIfAbsent(caller, c -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillIntervally(perMinute, Duration.ofMinutes(1))
                        .build())
                .build()).tryConsume(1);
    }
}
