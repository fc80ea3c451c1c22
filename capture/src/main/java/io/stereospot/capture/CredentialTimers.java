package io.stereospot.capture;

import io.stereospot.contract.UploadGrant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A stream lasts at most as long as its upload credentials: a warning a while before they expire, and a clean stop
 * shortly before, so the last chunks are still accepted and the session is ended instead of cut off. Credentials
 * the server renews get only the stop ({@link #scheduleStop}), which each renewal moves on; see
 * {@link CredentialRenewal}.
 */
final class CredentialTimers {

    static final String NO_EXPIRY = "The upload credentials carry no readable expiry time; the stream cannot stop"
            + " before they expire.";

    private final Clock clock;
    private final Duration warningLead;
    private final Duration stopLead;
    private final ZoneId zone;

    /**
     * @param warningLead how long before the expiry to warn
     * @param stopLead    how long before the expiry to stop
     * @param zone        the zone the expiry time is written in for a person
     */
    CredentialTimers(Clock clock, Duration warningLead, Duration stopLead, ZoneId zone) {
        this.clock = clock;
        this.warningLead = warningLead;
        this.stopLead = stopLead;
        this.zone = zone;
    }

    /** When to say what, counted from now. */
    record Plan(Duration warnIn, String warning, Duration stopIn, String stopping) {
    }

    Plan plan(Instant expiresAt) {
        Instant now = clock.instant();
        String at = hoursMinutes(expiresAt);
        long leadMinutes = Math.max(1, Duration.between(now, expiresAt).toMinutes());
        String warning = "The upload credentials expire at " + at + " (in "
                + Math.min(leadMinutes, Math.max(1, warningLead.toMinutes()))
                + " min): the stream will stop by itself shortly before, cleanly.";
        String stopping = "Stopping: the upload credentials expire at " + at
                + " (a stream lasts at most as long as its credentials).";
        return new Plan(untilOrZero(now, expiresAt.minus(warningLead)), warning,
                untilOrZero(now, expiresAt.minus(stopLead)), stopping);
    }

    /**
     * Schedules the warning, then the stop (which warns first); the caller cancels them when the broadcast ends.
     * Credentials without a readable expiry get one warning that says so, and no timers.
     */
    List<ScheduledFuture<?>> schedule(UploadGrant grant, ScheduledExecutorService timers, Consumer<String> warn,
            Runnable stop) {
        Instant expiresAt;
        try {
            expiresAt = grant.expiresAtInstant();
        } catch (RuntimeException e) {
            warn.accept(NO_EXPIRY);
            return List.of();
        }
        Plan plan = plan(expiresAt);
        return List.of(
                timers.schedule(() -> warn.accept(plan.warning()), plan.warnIn().toMillis(), TimeUnit.MILLISECONDS),
                timers.schedule(() -> {
                    warn.accept(plan.stopping());
                    stop.run();
                }, plan.stopIn().toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * Only the clean stop, {@code lead} before {@code expiresAt}, for credentials that should have been renewed by
     * then; the caller cancels it when they are.
     */
    ScheduledFuture<?> scheduleStop(Instant expiresAt, Duration lead, ScheduledExecutorService timers,
            Consumer<String> warn, Runnable stop) {
        String stopping = "Stopping: the upload credentials expire at " + hoursMinutes(expiresAt)
                + " and could not be renewed.";
        return timers.schedule(() -> {
            warn.accept(stopping);
            stop.run();
        }, untilOrZero(clock.instant(), expiresAt.minus(lead)).toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How long before the expiry the broadcast stops at most. */
    Duration stopLead() {
        return stopLead;
    }

    /** {@code HH:mm} in the person's zone. */
    String hoursMinutes(Instant instant) {
        return DateTimeFormatter.ofPattern("HH:mm").withZone(zone).format(instant);
    }

    private static Duration untilOrZero(Instant now, Instant then) {
        Duration wait = Duration.ofMillis(Duration.between(now, then).toMillis());
        return wait.isNegative() ? Duration.ZERO : wait;
    }
}
