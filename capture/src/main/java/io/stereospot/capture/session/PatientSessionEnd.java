package io.stereospot.capture.session;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a session, trying again for a while when the server cannot be reached: a server that is restarting is back
 * within seconds, and a session left open keeps players waiting for an hour. A refusal is final at once.
 */
public final class PatientSessionEnd {

    private static final Logger LOG = LoggerFactory.getLogger(PatientSessionEnd.class);
    private static final long FIRST_DELAY_MS = 500;
    private static final long MAX_DELAY_MS = 4_000;

    private PatientSessionEnd() {
    }

    /**
     * @param patience how long to keep trying while the server is unreachable
     * @throws SessionServiceException the last failure, once the server refused or patience ran out
     */
    public static void end(SessionService sessions, String sessionId, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        for (long delayMs = FIRST_DELAY_MS; ; delayMs = Math.min(MAX_DELAY_MS, delayMs * 2)) {
            try {
                sessions.end(sessionId);
                return;
            } catch (SessionServiceException e) {
                if (!e.isUnreachable() || System.nanoTime() + delayMs * 1_000_000 >= deadline) {
                    throw e;
                }
                LOG.info("Session {} could not be ended yet ({}); trying again in {} ms", sessionId, e.getMessage(),
                        delayMs);
                if (!pause(delayMs)) {
                    throw e;
                }
            }
        }
    }

    /** @return false when interrupted (then give up waiting) */
    private static boolean pause(long ms) {
        try {
            TimeUnit.MILLISECONDS.sleep(ms); // a backoff between attempts, not synchronisation
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
