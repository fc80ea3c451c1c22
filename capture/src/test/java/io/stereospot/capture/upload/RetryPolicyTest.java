package io.stereospot.capture.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void delaysAreJitteredGrowExponentiallyAndAreCapped() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(2));
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            long first = policy.delayAfter(1).toMillis();
            long second = policy.delayAfter(2).toMillis();
            long fourth = policy.delayAfter(4).toMillis();
            assertThat(first).isBetween(250L, 500L);
            assertThat(second).isBetween(250L, 1000L);
            assertThat(fourth).isBetween(250L, 2000L);
            seen.add(first);
        }
        assertThat(seen.size()).as("jitter: not one fixed delay").isGreaterThan(20);
    }

    @Test
    void theDefaultIsThreeAttempts() {
        assertThat(RetryPolicy.DEFAULT.maxAttempts()).isEqualTo(3);
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
