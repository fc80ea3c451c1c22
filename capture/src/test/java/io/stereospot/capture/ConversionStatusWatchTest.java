package io.stereospot.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.capture.session.SessionApi;
import io.stereospot.contract.RenewalGrant;
import io.stereospot.capture.session.SessionApiException;
import io.stereospot.contract.SessionIds;
import io.stereospot.contract.SessionStatus;
import io.stereospot.contract.StreamSession;
import io.stereospot.media.testenv.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The watch against a scripted session service (the real server's answers are SessionClientTest's and the server's
 * FailingConverterTest's): answers are handed on, a failed question is asked again next time, a server without the
 * endpoint is not asked again.
 */
class ConversionStatusWatchTest {

    private static final String ID = SessionIds.newId();
    private static final SessionStatus FLAT = new SessionStatus(ID, SessionStatus.LIVE, 14, 13, 1, 5.0, List.of(12),
            "The converter command exited with status 1: out of memory");

    @Test
    void handsOnEveryAnswerAndRidesOutOneThatDoesNotCome() {
        List<SessionStatus> reported = new CopyOnWriteArrayList<>();
        Scripted sessions = new Scripted(() -> FLAT);
        try (ConversionStatusWatch watch = new ConversionStatusWatch(sessions, ID, reported::add, () -> { })) {
            watch.poll();
            sessions.answer = () -> {
                throw new SessionApiException("Could not read the session's status: unreachable.", 0, null);
            };
            watch.poll();
            sessions.answer = () -> {
                throw new SessionApiException("refused (HTTP 503)", 503, null);
            };
            watch.poll();
            sessions.answer = () -> FLAT;
            watch.poll();
        }
        assertThat(reported).containsExactly(FLAT, FLAT);
        assertThat(sessions.asked.get()).isEqualTo(4);
    }

    @Test
    void aServerWithoutTheEndpointIsNotAskedAgain() {
        Scripted sessions = new Scripted(() -> {
            throw new SessionApiException("refused (HTTP 404: No such endpoint)", 404, null);
        });
        try (ConversionStatusWatch watch = new ConversionStatusWatch(sessions, ID, s -> { }, () -> { })
                .start(Duration.ofMillis(20))) {
            Await.until("asked once", () -> sessions.asked.get() >= 1, Duration.ofSeconds(10));
            Await.until("the watch stops asking", () -> !watch.asking(), Duration.ofSeconds(10));
        }
        assertThat(sessions.asked.get()).isEqualTo(1);
    }

    /** On AWS S3 every upload is taken; the ended status with the quota's reason is what stops the broadcast. */
    @Test
    void aSessionTheServerEndedAtItsQuotaIsToldOnceAndNotAskedAgain() {
        SessionStatus ended = new SessionStatus(ID, SessionStatus.ENDED, 3, 2, 1, 5.0, List.of(), null, null,
                SessionStatus.QUOTA_USED_UP);
        AtomicInteger told = new AtomicInteger();
        List<SessionStatus> reported = new CopyOnWriteArrayList<>();
        Scripted sessions = new Scripted(() -> new SessionStatus(ID, SessionStatus.ENDED, 3, 3, 0, 0, List.of(),
                null));
        try (ConversionStatusWatch watch = new ConversionStatusWatch(sessions, ID, reported::add,
                told::incrementAndGet)) {
            watch.poll();
            assertThat(told.get()).as("an end without the quota's reason is the broadcaster's own").isZero();
            sessions.answer = () -> ended;
            watch.poll();
            watch.poll();
            assertThat(told.get()).isEqualTo(1);
            assertThat(watch.asking()).isFalse();
        }
        assertThat(reported).last().isEqualTo(ended);
    }

    private static final class Scripted implements SessionApi {
        final AtomicInteger asked = new AtomicInteger();
        volatile Supplier<SessionStatus> answer;

        Scripted(Supplier<SessionStatus> answer) {
            this.answer = answer;
        }

        @Override
        public StreamSession create(String mode) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void end(String sessionId, RenewalGrant owner) {
        }

        @Override
        public SessionStatus status(String sessionId) {
            asked.incrementAndGet();
            return answer.get();
        }
    }
}
