package io.stereospot.server.session;

import io.stereospot.contract.ObjectKeys;
import io.stereospot.server.store.Bucket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends sessions whose latest upload credentials have expired without an explicit end (the app crashed, the network went)
 * and deletes everything of sessions that ended longer ago than the retention period.
 */
public final class SessionHousekeeping {

    private static final Logger LOG = LoggerFactory.getLogger(SessionHousekeeping.class);

    private final Bucket bucket;
    private final SessionRepository records;
    private final Clock clock;
    private final Duration credentialLifetime;
    private final Duration retention;
    private final Consumer<String> onSwept;

    /** @param onSwept told of each deleted session, so in-memory state about it can go too */
    public SessionHousekeeping(Bucket bucket, SessionRepository records, Clock clock, Duration credentialLifetime,
            Duration retention, Consumer<String> onSwept) {
        this.bucket = bucket;
        this.records = records;
        this.clock = clock;
        this.credentialLifetime = credentialLifetime;
        this.retention = retention;
        this.onSwept = onSwept;
    }

    public record Outcome(int ended, int swept) {
    }

    public Outcome runOnce() {
        Instant now = clock.instant();
        int ended = 0;
        int swept = 0;
        for (String id : records.ids()) {
            Optional<SessionRecord> found;
            try {
                found = records.find(id);
            } catch (IllegalStateException e) {
                LOG.warn("Skipping session {}: {}", id, e.getMessage());
                continue;
            }
            if (found.isEmpty()) {
                continue;
            }
            SessionRecord record = found.get();
            if (!record.ended()) {
                // Renewed credentials move the expiry on; a record from before renewal has only its creation.
                Instant expiry = record.credentialsExpireAt() != null ? record.credentialsExpireAt()
                        : record.createdAt().plus(credentialLifetime);
                if (!now.isBefore(expiry) && records.markEnded(id, expiry) == SessionRepository.Ending.ENDED) {
                    LOG.info("Session {} was never ended; ended it at its credentials' expiry {}", id, expiry);
                    ended++;
                }
            } else if (!now.isBefore(record.endedAt().plus(retention))) {
                int objects = bucket.deleteAll(ObjectKeys.inputPrefix(id)) + bucket.deleteAll(ObjectKeys.outputPrefix(id));
                records.delete(id);
                onSwept.accept(id);
                LOG.info("Session {} ended at {}: deleted its record and {} objects", id, record.endedAt(),
                        objects);
                swept++;
            }
        }
        return new Outcome(ended, swept);
    }
}
