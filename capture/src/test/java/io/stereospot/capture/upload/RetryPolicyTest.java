package io.stereospot.capture.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void theDefaultIsThreeAttemptsThatRideOutAThirtySecondOutage() {
        RetryPolicy policy = RetryPolicy.DEFAULT;
        assertThat(policy.maxAttempts()).isEqualTo(3);
        assertThat(policy.stepAfter(1)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.stepAfter(2)).isEqualTo(Duration.ofSeconds(24));
        assertThat(policy.minimumSpan()).as("the last attempt at least this long after the first failure")
                .isEqualTo(Duration.ofSeconds(32)).isGreaterThan(Duration.ofSeconds(30));
        assertThat(policy.maximumSpan()).isEqualTo(Duration.ofSeconds(40));
        for (int i = 0; i < 500; i++) {
            Duration first = policy.delayAfter(1);
            Duration second = policy.delayAfter(2);
            assertThat(first).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
            assertThat(second).isBetween(Duration.ofSeconds(24), Duration.ofSeconds(30));
            assertThat(first.plus(second)).isBetween(policy.minimumSpan(), policy.maximumSpan());
        }
    }

    @Test
    void delaysAreJitteredUpwardsGrowAndAreCapped() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(2));
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            long first = policy.delayAfter(1).toMillis();
            assertThat(first).isBetween(500L, 625L);
            assertThat(policy.delayAfter(2).toMillis()).isBetween(1000L, 1250L);
            assertThat(policy.delayAfter(3).toMillis()).as("step 2000 ms: the cap leaves no room").isEqualTo(2000L);
            assertThat(policy.delayAfter(4).toMillis()).isEqualTo(2000L);
            seen.add(first);
        }
        assertThat(seen.size()).as("jitter: not one fixed delay").isGreaterThan(20);
        assertThat(policy.minimumSpan()).isEqualTo(Duration.ofMillis(500 + 1000 + 2000 + 2000));
    }

    /** Failsafe really waits the policy's steps between attempts: each gap at least its step, at most 25 % more. */
    @Test
    void theAttemptsAreSpacedByTheSteps() {
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(100), 3.0, Duration.ofMillis(400));
        List<Long> attemptNanos = new ArrayList<>();
        dev.failsafe.RetryPolicy<Object> retries = policy.attempts(failure -> true).build();
        assertThatThrownBy(() -> Failsafe.with(retries).run(() -> {
            attemptNanos.add(System.nanoTime());
            throw new UploadAttemptException("the store could not be reached", true, null);
        })).isInstanceOf(FailsafeException.class);

        assertThat(attemptNanos).hasSize(3);
        long firstGapMs = (attemptNanos.get(1) - attemptNanos.get(0)) / 1_000_000;
        long secondGapMs = (attemptNanos.get(2) - attemptNanos.get(1)) / 1_000_000;
        assertThat(firstGapMs).as("after attempt 1").isBetween(100L, 125L + 200);
        assertThat(secondGapMs).as("after attempt 2").isBetween(300L, 375L + 200);
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(1), 0.5, Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
