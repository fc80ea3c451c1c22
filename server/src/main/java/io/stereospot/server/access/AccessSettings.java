package io.stereospot.server.access;

import java.util.List;
import java.util.Objects;

/**
 * Who may do what on the session API, beyond the owner secret every session gets at creation, and the limits that
 * keep one client from exhausting a server (README, "Who can do what").
 *
 * @param allowUnauthenticatedEnd whether {@code POST /stream_sessions/{id}/end} without a secret still ends the
 *                                session, as the plan's v1 contract had it: then anyone holding a playlist URL can end
 *                                that broadcast. Off by default.
 * @param apiKeys                 the keys {@code POST /stream_sessions} needs as {@code Authorization: Bearer}; none
 *                                = creates are open (to the same host only, with {@code sameHostCreatesOnly})
 * @param sameHostCreatesOnly     the app's local mode: a create without a key is accepted only from this computer
 *                                (a connection whose source address is the address it reached the server at)
 * @param createsPerMinute        creates each client address may make a minute
 * @param createsPerMinutePerKey  creates each API key may make a minute, from wherever
 * @param sessionsPerKey          live sessions each API key may hold at once
 * @param sessionQuotaBytes       bytes of chunks each session may upload; the PUT past it is refused
 */
public record AccessSettings(boolean allowUnauthenticatedEnd, ApiKeys apiKeys, boolean sameHostCreatesOnly,
        int createsPerMinute, int createsPerMinutePerKey, int sessionsPerKey, long sessionQuotaBytes) {

    public static final int DEFAULT_CREATES_PER_MINUTE = 600;
    public static final int DEFAULT_CREATES_PER_MINUTE_PER_KEY = 600;
    public static final int DEFAULT_SESSIONS_PER_KEY = 20;
    /** About 24 hours of 1080p at 8 Mbit/s. */
    public static final long DEFAULT_SESSION_QUOTA_BYTES = 96L << 30;

    public AccessSettings {
        Objects.requireNonNull(apiKeys, "apiKeys");
        if (createsPerMinute < 1 || createsPerMinutePerKey < 1 || sessionsPerKey < 1 || sessionQuotaBytes < 1) {
            throw new IllegalArgumentException("Each limit must be at least 1.");
        }
    }

    /** Anyone may create; owners only end their sessions; the default limits. */
    public static AccessSettings defaults() {
        return new AccessSettings(false, ApiKeys.of(List.of()), false, DEFAULT_CREATES_PER_MINUTE,
                DEFAULT_CREATES_PER_MINUTE_PER_KEY, DEFAULT_SESSIONS_PER_KEY, DEFAULT_SESSION_QUOTA_BYTES);
    }

    /** The app's own server in local mode: creates only from this computer. */
    public static AccessSettings localApp() {
        return defaults().withSameHostCreatesOnly(true);
    }

    public AccessSettings withUnauthenticatedEnd(boolean allowed) {
        return new AccessSettings(allowed, apiKeys, sameHostCreatesOnly, createsPerMinute, createsPerMinutePerKey,
                sessionsPerKey, sessionQuotaBytes);
    }

    public AccessSettings withApiKeys(ApiKeys keys) {
        return new AccessSettings(allowUnauthenticatedEnd, keys, sameHostCreatesOnly, createsPerMinute,
                createsPerMinutePerKey, sessionsPerKey, sessionQuotaBytes);
    }

    public AccessSettings withSameHostCreatesOnly(boolean only) {
        return new AccessSettings(allowUnauthenticatedEnd, apiKeys, only, createsPerMinute, createsPerMinutePerKey,
                sessionsPerKey, sessionQuotaBytes);
    }

    public AccessSettings withLimits(int perMinute, int perMinutePerKey, int perKey, long quotaBytes) {
        return new AccessSettings(allowUnauthenticatedEnd, apiKeys, sameHostCreatesOnly, perMinute, perMinutePerKey,
                perKey, quotaBytes);
    }

    /** Whether a create needs an API key (from anyone but, in local mode, this computer). */
    public boolean keysRequired() {
        return apiKeys.size() > 0;
    }
}
