package io.stereospot.capture.session;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import io.stereospot.capture.upload.RetryPolicy;
import io.stereospot.contract.RenewalGrant;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a session, trying again for a while when the server cannot be reached: a server that is restarting is back
 * within seconds, and a session left open keeps players waiting for an hour. A refusal is final at once.
 */
public final class PatientSessionEnd {

    private static final Logger LOG = LoggerFactory.getLogger(PatientSessionEnd.class);
    private static final Duration FIRST_DELAY = Duration.ofMillis(500);
    private static final Duration MAX_DELAY = Duration.ofSeconds(4);

    private PatientSessionEnd() {
    }

    /**
     * @param owner    the session's renewal grant, whose secret ends it (null: none, as from a v1 server)
     * @param patience how long to keep trying while the server is unreachable
     * @throws SessionApiException the last failure, once the server refused or patience ran out (or the
     *                                 thread was interrupted while waiting; it stays interrupted)
     */
    public static void end(SessionApi sessions, String sessionId, RenewalGrant owner, Duration patience) {
        AtomicReference<SessionApiException> last = new AtomicReference<>();
        dev.failsafe.RetryPolicy<Object> retries = RetryPolicy.patient(patience, FIRST_DELAY, MAX_DELAY,
                        PatientSessionEnd::unreachable)
                .onRetryScheduled(e -> LOG.info("Session {} could not be ended yet ({}); trying again in {} ms",
                        sessionId, e.getLastException().getMessage(), e.getDelay().toMillis()))
                .build();
        try {
            Failsafe.with(retries).run(() -> {
                try {
                    sessions.end(sessionId, owner);
                } catch (SessionApiException e) {
                    last.set(e);
                    throw e;
                }
            });
        } catch (FailsafeException e) {
            // Interrupted during a wait: give up waiting, with the failure that made us wait.
            throw last.get() != null ? last.get() : e;
        }
    }

    /**
     * {@link #end} for a broadcast that is finishing: a session that could not be ended is logged and told to the
     * person as a warning sentence, since the stream itself is over either way.
     */
    public static void endOrWarn(SessionApi sessions, String sessionId, RenewalGrant owner, Duration patience,
            Consumer<String> warning) {
        try {
            end(sessions, sessionId, owner, patience);
        } catch (SessionApiException e) {
            LOG.warn("Session {} could not be ended: {}", sessionId, e.getMessage());
            warning.accept("The session could not be ended, so players may keep waiting for more: " + e.getMessage());
        }
    }

    private static boolean unreachable(Throwable failure) {
        return failure instanceof SessionApiException e && e.isUnreachable();
    }
}
