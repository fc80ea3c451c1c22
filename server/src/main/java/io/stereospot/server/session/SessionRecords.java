package io.stereospot.server.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stereospot.contract.ObjectKeys;
import io.stereospot.contract.SessionIds;
import io.stereospot.server.store.Bucket;
import io.stereospot.server.session.SessionRecord;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the converter side needs of session records ({@code stream_sessions/{id}.json}: id, mode, created_at,
 * ended_at) beyond the session API's {@code SessionRepository}: listing them, ending one at a given moment and
 * deleting one. Updates keep every field this class does not know, since the session API owns the format.
 */
public final class SessionRecords {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUFFIX = ".json";

    private final Bucket bucket;

    public SessionRecords(Bucket bucket) {
        this.bucket = bucket;
    }

    public Optional<SessionRecord> find(String sessionId) {
        return bucket.bytes(ObjectKeys.sessionRecord(sessionId)).map(bytes -> parse(sessionId, bytes));
    }

    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (String key : bucket.keys(ObjectKeys.SESSIONS_ROOT)) {
            String name = key.substring(ObjectKeys.SESSIONS_ROOT.length());
            if (name.endsWith(SUFFIX)) {
                String id = name.substring(0, name.length() - SUFFIX.length());
                if (SessionIds.isValid(id)) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    /** Sets ended_at unless the session already ended; returns whether it changed anything. */
    public boolean markEnded(String sessionId, Instant endedAt) {
        String key = ObjectKeys.sessionRecord(sessionId);
        Optional<byte[]> bytes = bucket.bytes(key);
        if (bytes.isEmpty()) {
            return false;
        }
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(bytes.get());
            if (instant(node.get("ended_at")).isPresent()) {
                return false;
            }
            node.put("ended_at", endedAt.toString());
            bucket.put(key, JSON.writeValueAsBytes(node), "application/json");
            return true;
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("The record of session " + sessionId + " is not readable JSON", e);
        }
    }

    public void delete(String sessionId) {
        bucket.delete(ObjectKeys.sessionRecord(sessionId));
    }

    /** Saves a new record in the session API's format (for local tools and tests that run without the API). */
    public void create(String sessionId, String mode, Instant createdAt) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", sessionId);
        node.put("mode", mode);
        node.put("created_at", createdAt.toString());
        node.putNull("ended_at");
        try {
            bucket.put(ObjectKeys.sessionRecord(sessionId), JSON.writeValueAsBytes(node), "application/json");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SessionRecord parse(String sessionId, byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            Instant created = instant(node.get("created_at")).orElse(Instant.EPOCH);
            return new SessionRecord(sessionId, node.path("mode").asText(null), created,
                    instant(node.get("ended_at")).orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException("The record of session " + sessionId + " is not readable JSON", e);
        }
    }

    /** ISO-8601 text, or a number of epoch seconds: either is accepted so the record format can evolve. */
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
