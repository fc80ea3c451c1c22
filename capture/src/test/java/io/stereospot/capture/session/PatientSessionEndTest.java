package io.stereospot.capture.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stereospot.contract.StreamSession;
import io.stereospot.contract.RenewalGrant;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The decision table of ending a session: unreachable is tried again within the patience, a refusal is final. (The
 * real restart is ServerCrashIntegrationTest; here a scripted session API keeps it to the rule.)
 */
class PatientSessionEndTest {

    private static SessionApiException unreachable() {
        return new SessionApiException("The stream server could not be reached", 0, null);
    }

    /** Answers end() with the scripted failures, then succeeds. */
    private static final class Scripted implements SessionApi {
        final Deque<SessionApiException> failures = new ArrayDeque<>();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public StreamSession create(String mode) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void end(String sessionId, RenewalGrant owner) {
            calls.incrementAndGet();
            SessionApiException next = failures.poll();
            if (next != null) {
                throw next;
            }
        }
    }

    @Test
    void anUnreachableServerIsTriedAgainUntilItAnswers() {
        Scripted api = new Scripted();
        api.failures.add(unreachable());
        api.failures.add(unreachable());

        PatientSessionEnd.end(api, "id", null, Duration.ofSeconds(20));

        assertThat(api.calls).hasValue(3);
    }

    @Test
    void aRefusalIsFinalAtOnce() {
        Scripted api = new Scripted();
        api.failures.add(new SessionApiException("The stream server refused: 404", 404, null));

        assertThatThrownBy(() -> PatientSessionEnd.end(api, "id", null, Duration.ofSeconds(20)))
                .hasMessageContaining("404");
        assertThat(api.calls).hasValue(1);
    }

    @Test
    void patienceRunsOutWithTheLastFailure() {
        Scripted api = new Scripted();
        for (int i = 0; i < 10; i++) {
            api.failures.add(unreachable());
        }

        // 0.5 s, then 1 s would pass the 1.2 s of patience: two calls, then the failure.
        assertThatThrownBy(() -> PatientSessionEnd.end(api, "id", null, Duration.ofMillis(1200)))
                .isInstanceOf(SessionApiException.class).hasMessageContaining("could not be reached");
        assertThat(api.calls).hasValue(2);
    }

    @Test
    void aFinishingBroadcastHearsASentenceInsteadOfAnException() {
        Scripted api = new Scripted();
        api.failures.add(new SessionApiException("The stream server refused: 404", 404, null));
        List<String> warnings = new ArrayList<>();

        PatientSessionEnd.endOrWarn(api, "id", null, Duration.ofSeconds(20), warnings::add);

        assertThat(warnings).containsExactly(
                "The session could not be ended, so players may keep waiting for more: The stream server refused: 404");
    }

    @Test
    void anEndedSessionWarnsNobody() {
        Scripted api = new Scripted();
        List<String> warnings = new ArrayList<>();

        PatientSessionEnd.endOrWarn(api, "id", null, Duration.ofSeconds(20), warnings::add);

        assertThat(warnings).isEmpty();
        assertThat(api.calls).hasValue(1);
    }
}
