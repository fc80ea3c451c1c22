package io.stereospot.capture;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import io.stereospot.capture.session.SessionApi;
import io.stereospot.capture.session.SessionApiException;
import io.stereospot.capture.upload.RetryPolicy;
import io.stereospot.contract.StreamSession;
import io.stereospot.contract.UploadGrant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a broadcast's upload credentials valid for as long as it runs. A session the server renews gets new
 * credentials {@link RenewalSchedule well before} each set expires; a failed renewal is tried again with backoff
 * ({@link RetryPolicy#patient}) until shortly before the expiry, and only if the credentials are then about to
 * expire does the broadcast stop, cleanly and with a sentence. A session without renewal keeps today's path: a
 * warning, then the stop before expiry ({@link CredentialTimers}).
 *
 * <p>Renewal runs on a thread of its own, so its backoff never holds up the broadcast's timers; closing interrupts
 * it, which cuts a wait short at once.
 */
final class CredentialRenewal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialRenewal.class);

    private final SessionApi sessions;
    private final StreamSession session;
    private final CredentialTimers expiry;
    private final RenewalSchedule schedule;
    private final Clock clock;
    private final ScheduledExecutorService broadcastTimers;
    private final Consumer<UploadGrant> renewed;
    private final Consumer<String> warn;
    private final Runnable stop;
    private final ScheduledExecutorService renewer =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("credential-renewal"));

    private List<ScheduledFuture<?>> pending = List.of();
    private boolean closed;

    /**
     * @param broadcastTimers where the stop before expiry is scheduled (the broadcast's timer thread)
     * @param renewed         told of each renewed set, on the renewal thread: swaps them into the uploads
     * @param warn            a sentence for the person that does not stop the broadcast
     * @param stop            stops the broadcast cleanly before the credentials expire
     */
    CredentialRenewal(SessionApi sessions, StreamSession session, CredentialTimers expiry,
            RenewalSchedule schedule, Clock clock, ScheduledExecutorService broadcastTimers,
            Consumer<UploadGrant> renewed, Consumer<String> warn, Runnable stop) {
        this.sessions = sessions;
        this.session = session;
        this.expiry = expiry;
        this.schedule = schedule;
        this.clock = clock;
        this.broadcastTimers = broadcastTimers;
        this.renewed = renewed;
        this.warn = warn;
        this.stop = stop;
    }

    /**
     * Watches a started broadcast's credentials: each renewed set goes into its uploads and is told to its
     * listener; warnings go to the listener; {@code stop} stops the broadcast before they expire.
     */
    static CredentialRenewal forBroadcast(BroadcastSettings config, BroadcastParts parts, ListenerDispatch events,
            ScheduledExecutorService broadcastTimers, Runnable stop) {
        CredentialTimers expiry = new CredentialTimers(config.clock(), config.credentialWarningLead(),
                config.credentialStopLead(), ZoneId.systemDefault());
        CredentialRenewal renewal = new CredentialRenewal(config.sessions(), parts.session(), expiry,
                new RenewalSchedule(RenewalSchedule.DEFAULT_LEAD), config.clock(), broadcastTimers, grant -> {
                    parts.chunkStore().useCredentials(grant);
                    events.tell(l -> l.credentialsRenewed(grant));
                }, w -> events.tell(l -> l.warning(w)), stop);
        return renewal.start();
    }

    /** Watches the session's first credentials. */
    CredentialRenewal start() {
        watch(session.upload());
        return this;
    }

    private synchronized void watch(UploadGrant grant) {
        if (closed) {
            return;
        }
        pending.forEach(f -> f.cancel(false));
        if (session.renewal() == null) {
            pending = expiry.schedule(grant, broadcastTimers, warn, stop);
            return;
        }
        Instant expiresAt;
        try {
            expiresAt = grant.expiresAtInstant();
        } catch (RuntimeException e) {
            warn.accept(CredentialTimers.NO_EXPIRY);
            pending = List.of();
            return;
        }
        Instant now = clock.instant();
        Duration lifetime = Duration.between(now, expiresAt);
        Duration wait = schedule.renewIn(now, now, expiresAt);
        Duration stopLead = schedule.stopLead(lifetime, expiry.stopLead());
        LOG.debug("Session {}: credentials expire at {}; renewing in {} ms", session.sessionId(), expiresAt,
                wait.toMillis());
        pending = List.of(expiry.scheduleStop(expiresAt, stopLead, broadcastTimers, warn, stop),
                renewer.schedule(() -> renew(expiresAt, lifetime, stopLead), wait.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** On the renewal thread. */
    private void renew(Instant expiresAt, Duration lifetime, Duration stopLead) {
        Duration patience = RenewalSchedule.patience(clock.instant(), expiresAt, stopLead);
        dev.failsafe.RetryPolicy<UploadGrant> retries = RetryPolicy.<UploadGrant>patient(patience,
                        RenewalSchedule.FIRST_RETRY_DELAY, schedule.maxRetryDelay(lifetime),
                        CredentialRenewal::worthRetrying)
                .onRetryScheduled(e -> LOG.info("Session {}: credentials not renewed yet ({}); trying again in {} ms",
                        session.sessionId(), e.getLastException().getMessage(), e.getDelay().toMillis()))
                .build();
        UploadGrant next;
        try {
            next = Failsafe.with(retries).get(() -> sessions.renew(session.sessionId(), session.renewal()));
        } catch (SessionApiException e) {
            LOG.warn("Session {}: credentials could not be renewed: {}", session.sessionId(), e.getMessage());
            warn.accept("The upload credentials could not be renewed (" + e.getMessage() + "), so the stream will"
                    + " stop by itself shortly before they expire at " + expiry.hoursMinutes(expiresAt) + ".");
            return;
        } catch (FailsafeException e) {
            LOG.debug("Session {}: renewal stopped ({})", session.sessionId(), e.toString());
            return;
        }
        renewed.accept(next);
        watch(next);
    }

    /** An unreachable server, or one that fails for now (5xx, 429), may renew on the next try; a refusal will not. */
    private static boolean worthRetrying(Throwable failure) {
        if (!(failure instanceof SessionApiException e)) {
            return false;
        }
        int status = e.status().orElse(0);
        return e.isUnreachable() || status >= 500 && status != 501 || status == 429;
    }

    @Override
    public synchronized void close() {
        closed = true;
        pending.forEach(f -> f.cancel(false));
        renewer.shutdownNow();
    }
}
