package io.stereospot.capture;

import java.time.Duration;
import java.time.Instant;

/**
 * When a renewable set of upload credentials is renewed: {@link #DEFAULT_LEAD} before it expires, or a third of its
 * lifetime before when it lives shorter than three times that (a test's 20-second credentials are renewed about
 * 7 s before their expiry). Renewal that fails is tried again until shortly before the expiry, with waits that grow
 * to at most a quarter of the lead (30 s at most), so several attempts fit whatever the lifetime.
 */
final class RenewalSchedule {

    static final Duration DEFAULT_LEAD = Duration.ofMinutes(10);
    /** Never sooner than this after the credentials arrived, even when a clock says they are about to expire. */
    static final Duration MIN_WAIT = Duration.ofSeconds(1);
    static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(500);
    static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);

    private final Duration maxLead;

    RenewalSchedule(Duration maxLead) {
        if (maxLead.isNegative() || maxLead.isZero()) {
            throw new IllegalArgumentException("The renewal lead must be positive");
        }
        this.maxLead = maxLead;
    }

    /** How long before the expiry of credentials that live {@code lifetime} to renew them. */
    Duration lead(Duration lifetime) {
        Duration third = lifetime.isNegative() ? Duration.ZERO : lifetime.dividedBy(3);
        return third.compareTo(maxLead) < 0 ? third : maxLead;
    }

    /**
     * How long before the expiry a broadcast whose renewals failed stops: {@code configured} (30 s), or half the
     * renewal lead when that is shorter, so short-lived credentials still get their renewal attempts first.
     */
    Duration stopLead(Duration lifetime, Duration configured) {
        Duration half = lead(lifetime).dividedBy(2);
        return half.compareTo(configured) < 0 ? half : configured;
    }

    /** How long to wait, from {@code now}, before renewing credentials received at {@code receivedAt}. */
    Duration renewIn(Instant now, Instant receivedAt, Instant expiresAt) {
        Instant renewAt = expiresAt.minus(lead(Duration.between(receivedAt, expiresAt)));
        Duration wait = Duration.between(now, renewAt);
        return wait.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : wait;
    }

    /** The longest wait between two renewal attempts for credentials that live {@code lifetime}. */
    Duration maxRetryDelay(Duration lifetime) {
        Duration quarter = lead(lifetime).dividedBy(4);
        if (quarter.compareTo(FIRST_RETRY_DELAY) < 0) {
            return FIRST_RETRY_DELAY;
        }
        return quarter.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : quarter;
    }

    /** How long renewal may keep trying from {@code now}: until the broadcast's own stop before the expiry. */
    static Duration patience(Instant now, Instant expiresAt, Duration stopLead) {
        Duration left = Duration.between(now, expiresAt.minus(stopLead));
        return left.isNegative() ? Duration.ZERO : left;
    }
}
