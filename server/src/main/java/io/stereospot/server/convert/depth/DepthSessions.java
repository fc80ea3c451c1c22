package io.stereospot.server.convert.depth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The depth state ({@link DepthRange}) of the last few stream sessions, so a session's depth carries on across its
 * chunks. Bounded: a worker converts a handful of sessions at once, and a session not seen for a while starts again.
 */
public final class DepthSessions {

    static final int KEPT_SESSIONS = 16;

    private final Map<String, DepthRange> ranges = new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DepthRange> eldest) {
            return size() > KEPT_SESSIONS;
        }
    };

    /** The state of {@code sessionId}; a chunk without a session gets a fresh one. */
    public synchronized DepthRange of(String sessionId) {
        if (sessionId == null) {
            return new DepthRange();
        }
        return ranges.computeIfAbsent(sessionId, id -> new DepthRange());
    }
}
