package io.stereospot.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.capture.session.SessionApi;
import io.stereospot.capture.session.SessionApiException;
import io.stereospot.contract.RenewalGrant;
import io.stereospot.contract.StreamSession;
import io.stereospot.contract.UploadGrant;
import io.stereospot.media.testenv.Await;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The renewal's decisions with short credentials: an unreachable server is tried again until it renews (12-second
 * credentials: renewed 4 s before expiry, tried for 2 s), a refusal is final and the broadcast then stops before
 * the expiry (3-second credentials). The session API is scripted because a real
 * server cannot be made to fail on cue here; LongStreamIntegrationTest renews against the real one.
 */
class CredentialRenewalTest {

    private static final String ID = "3f2b8c1e-5d4a-4b6f-9a7e-2c1d0e9f8a7b";

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final List<UploadGrant> renewed = new CopyOnWriteArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    @AfterEach
    void shutdown() {
        timers.shutdownNow();
    }

    private static UploadGrant grant(String key, Instant expiresAt) {
        return new UploadGrant(key, "secret", "token", "stereospot", "us-east-1", null, "stream_input/" + ID + "/",
                expiresAt.toString());
    }

    /** Answers renew() with the scripted failures, then with credentials that last {@code lifetime}. */
    private static final class Scripted implements SessionApi {
        final Deque<SessionApiException> failures = new ArrayDeque<>();
        final AtomicInteger calls = new AtomicInteger();
        final Duration lifetime;

        Scripted(Duration lifetime) {
            this.lifetime = lifetime;
        }

        @Override
        public StreamSession create(String mode) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void end(String sessionId, RenewalGrant owner) {
        }

        @Override
        public UploadGrant renew(String sessionId, RenewalGrant renewal) {
            calls.incrementAndGet();
            SessionApiException next = failures.poll();
            if (next != null) {
                throw next;
            }
            return grant("RENEWED" + calls.get(), Instant.now().plus(lifetime));
        }
    }

    private CredentialRenewal start(Scripted api) {
        StreamSession session = new StreamSession(ID, "http://server/playlist.m3u8",
                grant("FIRST", Instant.now().plus(api.lifetime)), new RenewalGrant(ID + ".secret", "http://server/x"));
        CredentialTimers expiry = new CredentialTimers(Clock.systemUTC(), Duration.ofMinutes(10),
                Duration.ofSeconds(30), ZoneOffset.UTC);
        CredentialRenewal renewal = new CredentialRenewal(api, session, expiry,
                new RenewalSchedule(RenewalSchedule.DEFAULT_LEAD), Clock.systemUTC(), timers, renewed::add,
                warnings::add, stopped::countDown);
        return renewal.start();
    }

    @Test
    void anUnreachableServerIsTriedAgainUntilItRenews() throws Exception {
        Scripted api = new Scripted(Duration.ofSeconds(12));
        api.failures.add(new SessionApiException("unreachable", 0, null));
        api.failures.add(new SessionApiException("busy", 503, null));

        try (CredentialRenewal renewal = start(api)) {
            Await.until(() -> !renewed.isEmpty(), Duration.ofSeconds(15), "a renewal");
            assertThat(api.calls).hasValue(3);
            assertThat(renewed.get(0).accessKeyId()).isEqualTo("RENEWED3");
        }
        assertThat(warnings).isEmpty();
        assertThat(stopped.getCount()).as("never stopped").isEqualTo(1);
    }

    @Test
    void aRefusalIsFinalAndTheBroadcastStopsBeforeTheExpiry() throws Exception {
        Scripted api = new Scripted(Duration.ofSeconds(3));
        api.failures.add(new SessionApiException("The stream server refused (HTTP 410: ended)", 410, null));

        try (CredentialRenewal renewal = start(api)) {
            assertThat(stopped.await(10, TimeUnit.SECONDS)).as("stopped").isTrue();
        }
        assertThat(api.calls).as("no second try after a refusal").hasValue(1);
        assertThat(renewed).isEmpty();
        assertThat(warnings.get(0)).startsWith("The upload credentials could not be renewed (The stream server"
                + " refused (HTTP 410: ended)), so the stream will stop by itself shortly before they expire at ");
        assertThat(warnings.get(1)).matches("Stopping: the upload credentials expire at \\d\\d:\\d\\d and could not"
                + " be renewed\\.");
    }

    @Test
    void closingStopsRenewingAtOnce() {
        Scripted api = new Scripted(Duration.ofSeconds(3));
        CredentialRenewal renewal = start(api);

        renewal.close();

        assertThat(api.calls).hasValue(0);
        assertThat(stopped.getCount()).isEqualTo(1);
    }
}
