package io.stereospot.server.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stereospot.contract.ObjectKeys;
import io.stereospot.server.json.Json;
import io.stereospot.server.store.Bucket;
import io.stereospot.server.store.SessionQuota;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Session records in the bucket, {@code stream_sessions/{id}.json} with {@code id}, {@code mode},
 * {@code created_at}, {@code ended_at}, for renewable sessions {@code renewal_secret_sha256} and
 * {@code credentials_expire_at}, and once chunks are counted against the quota {@code chunk_bytes},
 * {@code chunks_counted} and (when the quota ended it) {@code end_reason}: the only state of a session, so any
 * server instance can answer for it. The one reader and writer of that format. Reading is tolerant (instants as
 * ISO-8601 text or epoch seconds, so the format can evolve), and updating a record keeps every field this class does
 * not know.
 *
 * <p>Updates read, change and write the record; within this server those of one record take turns
 * ({@link #updatesOf}), so a renewal can never write back a record that an end has just marked ended, nor a chunk's
 * count one that a renewal has just extended.
 */
public final class SessionRepository {

    private static final ObjectMapper JSON = Json.mapper();
    private static final String CONTENT_TYPE = "application/json";

    /** What {@link #markEnded} found. */
    public enum Ending {
        ENDED, ALREADY_ENDED, NO_SUCH_SESSION
    }

    /** What {@link #extendCredentials} found. */
    public enum Extension {
        EXTENDED, ENDED, NO_SUCH_SESSION
    }

    /**
     * Every repository of this server (the API's, housekeeping's, the quota's) updates a record one at a time. Striped
     * by session: every chunk's count is an update, and one lock for all sessions would queue them behind each other.
     */
    private static final Object[] UPDATES = new Object[64];

    static {
        Arrays.setAll(UPDATES, i -> new Object());
    }

    private static Object updatesOf(String sessionId) {
        return UPDATES[Math.floorMod(sessionId.hashCode(), UPDATES.length)];
    }

    private final Bucket bucket;

    public SessionRepository(Bucket bucket) {
        this.bucket = bucket;
    }

    public void save(SessionRecord record) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", record.id());
        node.put("mode", record.mode());
        node.put("created_at", record.createdAt().toString());
        if (record.ended()) {
            node.put("ended_at", record.endedAt().toString());
        } else {
            node.putNull("ended_at");
        }
        if (record.renewalSecretSha256() != null) {
            node.put("renewal_secret_sha256", record.renewalSecretSha256());
        }
        if (record.credentialsExpireAt() != null) {
            node.put("credentials_expire_at", record.credentialsExpireAt().toString());
        }
        put(record.id(), node);
    }

    /**
     * @param sessionId a valid session id (callers validate it first)
     * @throws IllegalStateException when the record is not readable JSON
     */
    public Optional<SessionRecord> find(String sessionId) {
        return bucket.bytes(ObjectKeys.sessionRecord(sessionId)).map(bytes -> parse(sessionId, bytes));
    }

    /** The ids of every stored record. */
    public List<String> ids() {
        return bucket.keys(ObjectKeys.SESSIONS_ROOT).stream()
                .flatMap(key -> ObjectKeys.recordSession(key).stream())
                .toList();
    }

    /** Sets ended_at unless the session already ended, keeping the record's other fields as they are. */
    public Ending markEnded(String sessionId, Instant endedAt) {
        synchronized (updatesOf(sessionId)) {
            Optional<ObjectNode> node = objectNode(sessionId);
            if (node.isEmpty()) {
                return Ending.NO_SUCH_SESSION;
            }
            if (instant(node.get().get("ended_at")).isPresent()) {
                return Ending.ALREADY_ENDED;
            }
            node.get().put("ended_at", endedAt.toString());
            put(sessionId, node.get());
            return Ending.ENDED;
        }
    }

    /**
     * Records that credentials valid until {@code expiresAt} were handed out, unless the session has ended; an
     * earlier expiry than the one recorded changes nothing.
     */
    public Extension extendCredentials(String sessionId, Instant expiresAt) {
        synchronized (updatesOf(sessionId)) {
            Optional<ObjectNode> node = objectNode(sessionId);
            if (node.isEmpty()) {
                return Extension.NO_SUCH_SESSION;
            }
            if (instant(node.get().get("ended_at")).isPresent()) {
                return Extension.ENDED;
            }
            Optional<Instant> recorded = instant(node.get().get("credentials_expire_at"));
            if (recorded.isEmpty() || recorded.get().isBefore(expiresAt)) {
                node.get().put("credentials_expire_at", expiresAt.toString());
                put(sessionId, node.get());
            }
            return Extension.EXTENDED;
        }
    }

    /** {@link SessionQuota}'s counts in these records; ends are stamped with {@code clock}. */
    public SessionQuota.Ledger ledger(Clock clock) {
        return new SessionQuota.Ledger() {
            @Override
            public SessionQuota.Admission count(String sessionId, int index, long sizeBytes, long limitBytes) {
                return countChunk(sessionId, index, sizeBytes, limitBytes,
                        clock.instant().truncatedTo(ChronoUnit.MILLIS));
            }

            @Override
            public boolean pastQuota(String sessionId, int index) {
                return find(sessionId).map(record -> record.pastQuota(index)).orElse(false);
            }
        };
    }

    /**
     * The session's side of {@link SessionQuota}: counts chunk {@code index} unless it was counted before, or, when it
     * would take the session past {@code limitBytes}, ends the session (if it had not ended) with
     * {@link SessionRecord#QUOTA_USED_UP} as its reason. Chunks come in index order (uploads, and the converter's
     * lanes); one past a gap is counted and the gap with it, so a chunk filling the gap later is not counted again.
     */
    private SessionQuota.Admission countChunk(String sessionId, int index, long sizeBytes, long limitBytes,
            Instant now) {
        synchronized (updatesOf(sessionId)) {
            Optional<ObjectNode> found = objectNode(sessionId);
            if (found.isEmpty()) {
                return SessionQuota.Admission.NO_SESSION;
            }
            ObjectNode node = found.get();
            long used = node.path("chunk_bytes").asLong(0);
            int counted = node.path("chunks_counted").asInt(0);
            if (index < counted) {
                return SessionQuota.Admission.COUNTED_BEFORE;
            }
            boolean usedUp = SessionRecord.QUOTA_USED_UP.equals(node.path("end_reason").asText(null));
            if (usedUp || used + sizeBytes > limitBytes) {
                if (!usedUp) {
                    // A session that had ended already keeps its end time; what it serves stops here all the same.
                    if (instant(node.get("ended_at")).isEmpty()) {
                        node.put("ended_at", now.toString());
                    }
                    node.put("end_reason", SessionRecord.QUOTA_USED_UP);
                    put(sessionId, node);
                }
                return SessionQuota.Admission.OVER_QUOTA;
            }
            node.put("chunk_bytes", used + sizeBytes);
            node.put("chunks_counted", index + 1);
            put(sessionId, node);
            return SessionQuota.Admission.COUNTED;
        }
    }

    private Optional<ObjectNode> objectNode(String sessionId) {
        Optional<byte[]> bytes = bucket.bytes(ObjectKeys.sessionRecord(sessionId));
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        if (!(tree(sessionId, bytes.get()) instanceof ObjectNode node)) {
            throw unreadable(sessionId, null);
        }
        return Optional.of(node);
    }

    public void delete(String sessionId) {
        bucket.delete(ObjectKeys.sessionRecord(sessionId));
    }

    private void put(String sessionId, ObjectNode node) {
        try {
            bucket.put(ObjectKeys.sessionRecord(sessionId), JSON.writeValueAsBytes(node), CONTENT_TYPE);
        } catch (IOException e) {
            throw new IllegalStateException("The record of session " + sessionId + " could not be written", e);
        }
    }

    private static SessionRecord parse(String sessionId, byte[] bytes) {
        JsonNode node = tree(sessionId, bytes);
        Instant created = instant(node.get("created_at")).orElse(Instant.EPOCH);
        JsonNode hash = node.get("renewal_secret_sha256");
        return new SessionRecord(sessionId, node.path("mode").asText(null), created,
                instant(node.get("ended_at")).orElse(null), hash != null && hash.isTextual() ? hash.asText() : null,
                instant(node.get("credentials_expire_at")).orElse(null), node.path("chunk_bytes").asLong(0),
                node.path("chunks_counted").asInt(0), node.path("end_reason").asText(null));
    }

    private static JsonNode tree(String sessionId, byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw unreadable(sessionId, e);
        }
    }

    private static IllegalStateException unreadable(String sessionId, Exception cause) {
        return new IllegalStateException("The record of session " + sessionId + " is not readable JSON", cause);
    }

    /** ISO-8601 text, or a number of epoch seconds. */
    private static Optional<Instant> instant(JsonNode value) {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isNumber()) {
            return Optional.of(Instant.ofEpochMilli(Math.round(value.asDouble() * 1000)));
        }
        try {
            return Optional.of(Instant.parse(value.asText()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
