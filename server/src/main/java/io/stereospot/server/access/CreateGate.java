package io.stereospot.server.access;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Who may create a session, and how many: the rate per client address, then the caller's right (the same host in
 * local mode, else an API key when the server has keys), then the rate per key and the key's live sessions.
 * Attempts count against the address whether or not they are admitted, so guessing keys is slow.
 */
public final class CreateGate {

    /**
     * @param bearerToken   the token of {@code Authorization: Bearer}, or null when there is none
     * @param remoteAddress the address the connection comes from
     * @param localAddress  the server's own address the connection reached
     */
    public record Caller(String bearerToken, String remoteAddress, String localAddress) {
        /** The caller's key never reaches a log through this record's string form. */
        @Override
        public String toString() {
            return "Caller[" + remoteAddress + " -> " + localAddress + (bearerToken == null ? "]" : ", bearer=***]");
        }
    }

    private final AccessSettings settings;
    private final Predicate<String> isLive;
    private final CreateRates perAddress;
    private final CreateRates perKey;
    private final Map<String, Set<String>> sessionsByKey = new ConcurrentHashMap<>();

    /** @param isLive whether a session id names a session that has not ended */
    public CreateGate(AccessSettings settings, Predicate<String> isLive) {
        this.settings = settings;
        this.isLive = isLive;
        this.perAddress = new CreateRates(settings.createsPerMinute());
        this.perKey = new CreateRates(settings.createsPerMinutePerKey());
    }

    /**
     * Runs {@code create} once the caller may create one more session.
     *
     * @param idOf the id of what {@code create} made, to count the key's live sessions
     * @throws AccessRefused 401 or 403 for the caller's right, 429 for a limit
     */
    public <T> T create(Caller caller, Supplier<T> create, Function<T, String> idOf) {
        if (!perAddress.tryTake(caller.remoteAddress())) {
            throw new AccessRefused(429, "Too many stream sessions created from this address: at most "
                    + settings.createsPerMinute() + " a minute. Try again in a minute.");
        }
        Optional<String> key = admit(caller);
        if (key.isEmpty()) {
            return create.get();
        }
        if (!perKey.tryTake(key.get())) {
            throw new AccessRefused(429, "Too many stream sessions created with this API key: at most "
                    + settings.createsPerMinutePerKey() + " a minute. Try again in a minute.");
        }
        Set<String> live = sessionsByKey.computeIfAbsent(key.get(), k -> new HashSet<>());
        synchronized (live) {
            live.removeIf(isLive.negate());
            if (live.size() >= settings.sessionsPerKey()) {
                throw new AccessRefused(429, "This API key already has " + live.size() + " live stream sessions,"
                        + " the most it may hold at once: end one before starting another.");
            }
            T created = create.get();
            live.add(idOf.apply(created));
            return created;
        }
    }

    /** The key the caller creates under, empty when it needs none. */
    private Optional<String> admit(Caller caller) {
        if (settings.sameHostCreatesOnly() && caller.remoteAddress().equals(caller.localAddress())) {
            // Only this computer can open a connection from the very address it reaches the server at.
            return Optional.empty();
        }
        if (!settings.keysRequired()) {
            if (settings.sameHostCreatesOnly()) {
                throw new AccessRefused(403, "Only the StereoSpot app on this computer starts broadcasts on its"
                        + " stream server; other devices can watch them.");
            }
            return Optional.empty();
        }
        if (caller.bearerToken() == null) {
            throw new AccessRefused(401, "Creating a stream session on this server needs an API key, sent as"
                    + " \"Authorization: Bearer <key>\".");
        }
        return Optional.of(settings.apiKeys().match(caller.bearerToken()).orElseThrow(() ->
                new AccessRefused(403, "This server does not accept that API key.")));
    }
}
