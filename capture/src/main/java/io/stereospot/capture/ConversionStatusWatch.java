package io.stereospot.capture;

import io.stereospot.capture.session.SessionApi;
import io.stereospot.capture.session.SessionApiException;
import io.stereospot.contract.SessionStatus;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * While a broadcast is live, asks the server every few seconds how the conversion of its chunks goes
 * ({@code GET /stream_sessions/{id}}) and hands each answer on: so the person learns of a chunk shown flat or of
 * conversion falling behind, which uploads alone never tell. On a thread of its own, since an answer may take up
 * to the client's timeout. A status that does not come is no failure of the broadcast: it is asked again next time,
 * and a server without the endpoint (404, 405) is not asked again. A status saying the server ended the session at
 * its byte quota is also told to {@code quotaUsedUp}, once: on AWS S3, which takes every upload, nothing else says so.
 */
final class ConversionStatusWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConversionStatusWatch.class);
    static final Duration PERIOD = Duration.ofSeconds(5);

    private final SessionApi sessions;
    private final String sessionId;
    private final Consumer<SessionStatus> report;
    private final Runnable quotaUsedUp;
    private final ScheduledExecutorService thread =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("conversion-status"));

    ConversionStatusWatch(SessionApi sessions, String sessionId, Consumer<SessionStatus> report,
            Runnable quotaUsedUp) {
        this.sessions = sessions;
        this.sessionId = sessionId;
        this.report = report;
        this.quotaUsedUp = quotaUsedUp;
    }

    /** Asks every {@link #PERIOD}. */
    ConversionStatusWatch start() {
        return start(PERIOD);
    }

    ConversionStatusWatch start(Duration period) {
        thread.scheduleWithFixedDelay(this::poll, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** One question and its answer handed on (package-private: a test asks without waiting for the period). */
    void poll() {
        SessionStatus status;
        try {
            status = sessions.status(sessionId);
        } catch (SessionApiException e) {
            int code = e.status().orElse(0);
            if (code == 404 || code == 405) {
                LOG.info("The server reports no conversion status for session {}; not asking again", sessionId);
                thread.shutdown();
            } else {
                LOG.debug("Conversion status of session {} not read: {}", sessionId, e.getMessage());
            }
            return;
        } catch (RuntimeException e) {
            LOG.debug("Conversion status of session {} not read", sessionId, e);
            return;
        }
        report.accept(status);
        if (status.endedByQuota() && !thread.isShutdown()) {
            thread.shutdown();
            quotaUsedUp.run();
        }
    }

    /** False once closed, or once the server said it has no such endpoint. */
    boolean asking() {
        return !thread.isShutdown();
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
