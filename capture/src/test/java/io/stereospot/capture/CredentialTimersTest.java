package io.stereospot.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.contract.UploadGrant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CredentialTimersTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private static CredentialTimers timers(Duration warnBefore, Duration stopBefore) {
        return new CredentialTimers(Clock.fixed(NOW, ZoneOffset.UTC), warnBefore, stopBefore, ZoneOffset.UTC);
    }

    private static UploadGrant expiringAt(String expiresAt) {
        return new UploadGrant("AKIA", "secret", "token", "bucket", "us-east-1", null, "sessions/x/", expiresAt);
    }

    @Test
    void twoHoursAheadItWarnsTenMinutesBeforeAndStopsHalfAMinuteBefore() {
        CredentialTimers.Plan plan = timers(Duration.ofMinutes(10), Duration.ofSeconds(30))
                .plan(NOW.plus(Duration.ofHours(2)));

        assertThat(plan.warnIn()).isEqualTo(Duration.ofMinutes(110));
        assertThat(plan.stopIn()).isEqualTo(Duration.ofMinutes(119).plusSeconds(30));
        assertThat(plan.warning()).isEqualTo("The upload credentials expire at 14:00 (in 10 min): the stream will"
                + " stop by itself shortly before, cleanly.");
        assertThat(plan.stopping()).isEqualTo("Stopping: the upload credentials expire at 14:00 (a stream lasts at"
                + " most as long as its credentials).");
    }

    @Test
    void credentialsShorterThanTheLeadWarnAtOnceWithTheTimeLeft() {
        CredentialTimers.Plan plan = timers(Duration.ofMinutes(10), Duration.ofSeconds(30))
                .plan(NOW.plus(Duration.ofMinutes(3)));

        assertThat(plan.warnIn()).isZero();
        assertThat(plan.warning()).contains("(in 3 min)");
        assertThat(plan.stopIn()).isEqualTo(Duration.ofSeconds(150));
        CredentialTimers.Plan last = timers(Duration.ofMinutes(10), Duration.ofSeconds(30))
                .plan(NOW.plusSeconds(10));
        assertThat(last.warning()).as("never 'in 0 min'").contains("(in 1 min)");
        assertThat(last.stopIn()).isZero();
    }

    @Test
    void theWarningThenTheStopFireOnTheTimerThread() throws Exception {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            List<String> said = new CopyOnWriteArrayList<>();
            CountDownLatch stopped = new CountDownLatch(1);
            List<ScheduledFuture<?>> scheduled = timers(Duration.ofMillis(900), Duration.ofMillis(800))
                    .schedule(expiringAt(NOW.plusSeconds(1).toString()), executor, said::add, () -> {
                        said.add("stop");
                        stopped.countDown();
                    });

            assertThat(scheduled).hasSize(2);
            assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(said).containsExactly(
                    "The upload credentials expire at 12:00 (in 1 min): the stream will stop by itself shortly"
                            + " before, cleanly.",
                    "Stopping: the upload credentials expire at 12:00 (a stream lasts at most as long as its"
                            + " credentials).",
                    "stop");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void anUnreadableExpiryIsOneWarningAndNoTimer() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            List<String> said = new CopyOnWriteArrayList<>();
            List<ScheduledFuture<?>> scheduled = timers(Duration.ofMinutes(10), Duration.ofSeconds(30))
                    .schedule(expiringAt("soon"), executor, said::add, () -> said.add("stop"));

            assertThat(scheduled).isEmpty();
            assertThat(said).containsExactly("The upload credentials carry no readable expiry time; the stream"
                    + " cannot stop before they expire.");
        } finally {
            executor.shutdownNow();
        }
    }
}
