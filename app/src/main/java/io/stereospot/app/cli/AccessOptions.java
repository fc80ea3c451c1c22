package io.stereospot.app.cli;

import io.stereospot.server.access.AccessSettings;
import io.stereospot.server.access.ApiKeys;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code server}: who may create and end sessions, and the limits on them (README, "Who can do what"). */
final class AccessOptions {

    @Option(names = "--allow-unauthenticated-end", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "Let clients of the v1 contract end a session without its owner secret; then anyone"
                    + " holding a playlist URL can end that broadcast (default false;"
                    + " env STEREOSPOT_ALLOW_UNAUTHENTICATED_END).")
    boolean allowUnauthenticatedEnd;

    @Option(names = "--api-keys", paramLabel = "FILE",
            description = "Creating a session needs one of these keys as \"Authorization: Bearer KEY\": one a line,"
                    + " # comments; read at start, never logged (env STEREOSPOT_API_KEYS; default: no key needed).")
    Path apiKeys;

    @Option(names = "--creates-per-minute", paramLabel = "N",
            description = "Sessions each client address may create a minute (default "
                    + AccessSettings.DEFAULT_CREATES_PER_MINUTE + "; env STEREOSPOT_CREATES_PER_MINUTE).")
    int createsPerMinute = AccessSettings.DEFAULT_CREATES_PER_MINUTE;

    @Option(names = "--creates-per-minute-per-key", paramLabel = "N",
            description = "Sessions each API key may create a minute (default "
                    + AccessSettings.DEFAULT_CREATES_PER_MINUTE_PER_KEY
                    + "; env STEREOSPOT_CREATES_PER_MINUTE_PER_KEY).")
    int createsPerMinutePerKey = AccessSettings.DEFAULT_CREATES_PER_MINUTE_PER_KEY;

    @Option(names = "--sessions-per-key", paramLabel = "N",
            description = "Live sessions each API key may hold at once (default "
                    + AccessSettings.DEFAULT_SESSIONS_PER_KEY + "; env STEREOSPOT_SESSIONS_PER_KEY).")
    int sessionsPerKey = AccessSettings.DEFAULT_SESSIONS_PER_KEY;

    @Option(names = "--session-quota-mib", paramLabel = "MIB",
            description = "Chunk bytes each session may upload, in MiB; the broadcast stops cleanly past it (default "
                    + (AccessSettings.DEFAULT_SESSION_QUOTA_BYTES >> 20) + "; env STEREOSPOT_SESSION_QUOTA_MIB).")
    long sessionQuotaMib = AccessSettings.DEFAULT_SESSION_QUOTA_BYTES >> 20;

    /** @throws IllegalArgumentException with a sentence for the user */
    AccessSettings settings() {
        AccessSettings settings = AccessSettings.defaults().withUnauthenticatedEnd(allowUnauthenticatedEnd)
                .withLimits(createsPerMinute, createsPerMinutePerKey, sessionsPerKey, sessionQuotaMib << 20);
        return apiKeys == null ? settings : settings.withApiKeys(ApiKeys.read(apiKeys));
    }
}
