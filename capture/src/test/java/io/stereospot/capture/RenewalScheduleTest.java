package io.stereospot.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When credentials are renewed, how patiently, and when a broadcast whose renewals failed stops. */
class RenewalScheduleTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final RenewalSchedule SCHEDULE = new RenewalSchedule(RenewalSchedule.DEFAULT_LEAD);
    private static final Duration STOP_LEAD = Duration.ofSeconds(30);

    @Test
    void anHourLongSetIsRenewedTenMinutesBeforeItExpires() {
        Instant expiresAt = NOW.plus(Duration.ofHours(1));

        assertThat(SCHEDULE.lead(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(10));
        assertThat(SCHEDULE.renewIn(NOW, NOW, expiresAt)).isEqualTo(Duration.ofMinutes(50));
        assertThat(SCHEDULE.stopLead(Duration.ofHours(1), STOP_LEAD)).isEqualTo(STOP_LEAD);
        assertThat(SCHEDULE.maxRetryDelay(Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(30));
        assertThat(RenewalSchedule.patience(NOW.plus(Duration.ofMinutes(50)), expiresAt, STOP_LEAD))
                .as("renewal keeps trying for 9.5 minutes").isEqualTo(Duration.ofMinutes(9).plusSeconds(30));
    }

    @Test
    void shortSetsAreRenewedAThirdOfTheirLifetimeBefore() {
        assertThat(SCHEDULE.lead(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(10));
        assertThat(SCHEDULE.renewIn(NOW, NOW, NOW.plusSeconds(30))).isEqualTo(Duration.ofSeconds(20));
        assertThat(SCHEDULE.lead(Duration.ofMinutes(15))).isEqualTo(Duration.ofMinutes(5));
        assertThat(SCHEDULE.stopLead(Duration.ofSeconds(30), STOP_LEAD)).as("half the lead")
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(SCHEDULE.maxRetryDelay(Duration.ofSeconds(30))).isEqualTo(Duration.ofMillis(2500));
        assertThat(SCHEDULE.maxRetryDelay(Duration.ofSeconds(3))).as("never below the first delay")
                .isEqualTo(RenewalSchedule.FIRST_RETRY_DELAY);
    }

    @Test
    void theLeadIsMeasuredFromWhenTheSetArrived() {
        Instant receivedAt = NOW.minusSeconds(10);

        assertThat(SCHEDULE.renewIn(NOW, receivedAt, receivedAt.plusSeconds(30))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aSetThatLooksExpiredIsRenewedAfterTheMinimumWaitNotAtOnce() {
        assertThat(SCHEDULE.renewIn(NOW, NOW, NOW.minusSeconds(5))).isEqualTo(RenewalSchedule.MIN_WAIT);
        assertThat(SCHEDULE.renewIn(NOW, NOW, NOW.plusMillis(900))).isEqualTo(RenewalSchedule.MIN_WAIT);
        assertThat(RenewalSchedule.patience(NOW, NOW.plusSeconds(10), STOP_LEAD)).isEqualTo(Duration.ZERO);
    }

    @Test
    void aShorterConfiguredLeadWins() {
        RenewalSchedule twoMinutes = new RenewalSchedule(Duration.ofMinutes(2));

        assertThat(twoMinutes.lead(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(2));
        assertThat(twoMinutes.renewIn(NOW, NOW, NOW.plus(Duration.ofHours(1)))).isEqualTo(Duration.ofMinutes(58));
    }
}
