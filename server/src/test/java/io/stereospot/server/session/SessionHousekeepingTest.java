package io.stereospot.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.contract.ObjectKeys;
import io.stereospot.contract.SessionIds;
import io.stereospot.server.store.Bucket;
import io.stereospot.server.testing.LocalS3Extension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Expiry ends forgotten sessions; the sweep deletes what ended more than the retention period ago. */
class SessionHousekeepingTest {

    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @RegisterExtension
    static final LocalS3Extension S3 = new LocalS3Extension();

    private static SessionHousekeeping at(Bucket bucket, Instant now, List<String> swept) {
        return new SessionHousekeeping(bucket, new SessionRepository(bucket), Clock.fixed(now, ZoneOffset.UTC),
                Duration.ofHours(1), Duration.ofHours(24), swept::add);
    }

    @Test
    void endsSessionsWhoseCredentialsExpiredThenSweepsThemAfterRetention() {
        Bucket bucket = S3.newBucket();
        SessionRepository records = new SessionRepository(bucket);
        String forgotten = SessionIds.newId();
        String live = SessionIds.newId();
        String endedRecently = SessionIds.newId();
        records.save(new SessionRecord(forgotten, "sbs", T0, null));
        records.save(new SessionRecord(live, "sbs", T0.plus(Duration.ofMinutes(30)), null));
        records.save(new SessionRecord(endedRecently, "sbs", T0, null));
        assertThat(records.markEnded(endedRecently, T0.plus(Duration.ofMinutes(10))))
                .isEqualTo(SessionRepository.Ending.ENDED);
        assertThat(records.markEnded(endedRecently, T0.plus(Duration.ofMinutes(11))))
                .isEqualTo(SessionRepository.Ending.ALREADY_ENDED);
        assertThat(records.markEnded(SessionIds.newId(), T0)).isEqualTo(SessionRepository.Ending.NO_SUCH_SESSION);
        assertThat(records.ids()).containsExactlyInAnyOrder(forgotten, live, endedRecently);
        for (String id : List.of(forgotten, live, endedRecently)) {
            bucket.put(ObjectKeys.chunk(id, 0), new byte[] {1}, "video/mp4");
            bucket.put(ObjectKeys.segment(id, 0), new byte[] {2}, "video/mp4");
        }
        List<String> swept = new ArrayList<>();

        // 10:59:59 — nothing has expired yet.
        assertThat(at(bucket, T0.plus(Duration.ofMinutes(60)).minusSeconds(1), swept).runOnce())
                .isEqualTo(new SessionHousekeeping.Outcome(0, 0));

        // 11:00 — the forgotten session's credentials expired: it is ended at that moment; the other live one not.
        assertThat(at(bucket, T0.plus(Duration.ofMinutes(60)), swept).runOnce().ended()).isEqualTo(1);
        assertThat(records.find(forgotten).orElseThrow().endedAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(records.find(live).orElseThrow().ended()).isFalse();

        // 24 h after the recent end, only it is swept: record, chunks and segments.
        SessionHousekeeping.Outcome sweep = at(bucket, T0.plus(Duration.ofHours(24)).plus(Duration.ofMinutes(10)),
                swept).runOnce();
        assertThat(sweep.swept()).isEqualTo(1);
        assertThat(swept).containsExactly(endedRecently);
        assertThat(records.find(endedRecently)).isEmpty();
        assertThat(bucket.keys(ObjectKeys.inputPrefix(endedRecently))).isEmpty();
        assertThat(bucket.keys(ObjectKeys.outputPrefix(endedRecently))).isEmpty();
        assertThat(bucket.keys(ObjectKeys.outputPrefix(forgotten))).isNotEmpty();

        // A day after its expiry-end, the forgotten one goes too; the live one (ended by expiry meanwhile) stays.
        at(bucket, T0.plus(Duration.ofHours(25)), swept).runOnce();
        assertThat(swept).containsExactly(endedRecently, forgotten);
        assertThat(records.find(live).orElseThrow().endedAt()).isEqualTo(T0.plus(Duration.ofMinutes(90)));
    }

    @Test
    void markingEndedKeepsTheFieldsItDoesNotKnow() {
        Bucket bucket = S3.newBucket();
        String id = SessionIds.newId();
        bucket.put(ObjectKeys.sessionRecord(id), ("{\"id\":\"" + id + "\",\"mode\":\"sbs\",\"created_at\":\""
                + T0 + "\",\"ended_at\":null,\"extra\":{\"a\":1}}").getBytes(), "application/json");
        assertThat(new SessionRepository(bucket).markEnded(id, T0.plusSeconds(5)))
                .isEqualTo(SessionRepository.Ending.ENDED);
        String json = new String(bucket.bytes(ObjectKeys.sessionRecord(id)).orElseThrow());
        assertThat(json).contains("\"extra\":{\"a\":1}", "\"mode\":\"sbs\"", "\"ended_at\":\"2026-01-01T10:00:05Z\"");
    }

    @Test
    void recordsAreReadWithInstantsAsTextOrEpochSecondsAndOnlyValidIdsAreListed() {
        Bucket bucket = S3.newBucket();
        SessionRepository records = new SessionRepository(bucket);
        String id = SessionIds.newId();
        records.save(new SessionRecord(id, "sbs", T0, null));
        assertThat(new String(bucket.bytes(ObjectKeys.sessionRecord(id)).orElseThrow())).isEqualTo("{\"id\":\"" + id
                + "\",\"mode\":\"sbs\",\"created_at\":\"2026-01-01T10:00:00Z\",\"ended_at\":null}");
        assertThat(records.find(id)).hasValue(new SessionRecord(id, "sbs", T0, null));

        String numeric = SessionIds.newId();
        bucket.put(ObjectKeys.sessionRecord(numeric), ("{\"mode\":\"sbs\",\"created_at\":" + T0.getEpochSecond()
                + ".25,\"ended_at\":" + (T0.getEpochSecond() + 60) + "}").getBytes(), "application/json");
        assertThat(records.find(numeric)).hasValue(
                new SessionRecord(numeric, "sbs", T0.plusMillis(250), T0.plusSeconds(60)));

        bucket.put(ObjectKeys.SESSIONS_ROOT + "not-a-session.json", new byte[] {1}, "application/json");
        bucket.put(ObjectKeys.SESSIONS_ROOT + id + ".json.bak", new byte[] {1}, "application/json");
        assertThat(records.ids()).containsExactlyInAnyOrder(id, numeric);
        assertThat(records.find(SessionIds.newId())).isEmpty();
    }

    @Test
    void renewedCredentialsKeepASessionLivePastItsFirstExpiryAndAnEndedOneIsNotExtended() {
        Bucket bucket = S3.newBucket();
        SessionRepository records = new SessionRepository(bucket);
        String renewed = SessionIds.newId();
        String ended = SessionIds.newId();
        for (String id : List.of(renewed, ended)) {
            records.save(new SessionRecord(id, "sbs", T0, null, "00", T0.plus(Duration.ofHours(1))));
        }
        assertThat(records.extendCredentials(renewed, T0.plus(Duration.ofMinutes(110))))
                .isEqualTo(SessionRepository.Extension.EXTENDED);
        assertThat(records.extendCredentials(renewed, T0.plus(Duration.ofMinutes(100))))
                .as("an earlier expiry changes nothing").isEqualTo(SessionRepository.Extension.EXTENDED);
        records.markEnded(ended, T0.plus(Duration.ofMinutes(5)));
        assertThat(records.extendCredentials(ended, T0.plus(Duration.ofMinutes(110))))
                .isEqualTo(SessionRepository.Extension.ENDED);
        assertThat(records.extendCredentials(SessionIds.newId(), T0))
                .isEqualTo(SessionRepository.Extension.NO_SUCH_SESSION);

        assertThat(at(bucket, T0.plus(Duration.ofMinutes(109)), new ArrayList<>()).runOnce().ended()).isZero();
        assertThat(at(bucket, T0.plus(Duration.ofMinutes(110)), new ArrayList<>()).runOnce().ended()).isEqualTo(1);
        assertThat(records.find(renewed).orElseThrow().endedAt()).isEqualTo(T0.plus(Duration.ofMinutes(110)));
        assertThat(records.find(ended).orElseThrow().endedAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    }
}
