package io.stereospot.server.session;

import io.stereospot.contract.ObjectKeys;
import io.stereospot.contract.RenewalGrant;
import io.stereospot.contract.RenewedCredentials;
import io.stereospot.contract.SessionIds;
import io.stereospot.contract.StreamSession;
import io.stereospot.contract.UploadGrant;
import io.stereospot.server.iam.CredentialIssuer;
import io.stereospot.server.iam.IssuedCredentials;
import java.net.URI;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates stream sessions, renews their upload credentials and ends them: credentials from STS, the record in the
 * bucket. A renewal secret is handed out once, at creation, and only its hash is kept; it is the session's owner
 * secret, which renewing and ending need.
 */
public final class SessionService {

    private static final Logger LOG = LoggerFactory.getLogger(SessionService.class);

    private final SessionRepository repository;
    private final CredentialIssuer issuer;
    private final UploadTarget target;
    private final Supplier<URI> publicUrl;
    private final Supplier<Optional<URI>> watchOrigin;
    private final Clock clock;

    /**
     * @param target      where clients upload (bucket, region, endpoint), the same for every session
     * @param publicUrl   the base URL players reach this server at (known once the API listens)
     * @param watchOrigin where the watch page is served over HTTPS, when it is (known once the API listens)
     */
    public SessionService(SessionRepository repository, CredentialIssuer issuer, UploadTarget target,
            Supplier<URI> publicUrl, Supplier<Optional<URI>> watchOrigin, Clock clock) {
        this.repository = repository;
        this.issuer = issuer;
        this.target = target;
        this.publicUrl = publicUrl;
        this.watchOrigin = watchOrigin;
        this.clock = clock;
    }

    /** @param mode a supported mode (the caller validated it) */
    public StreamSession create(String mode) {
        String id = SessionIds.newId();
        long t0 = System.nanoTime();
        IssuedCredentials credentials = issuer.issue(id);
        long t1 = System.nanoTime();
        String secret = RenewalSecrets.newSecret(id);
        repository.save(new SessionRecord(id, mode, clock.instant().truncatedTo(ChronoUnit.MILLIS), null,
                RenewalSecrets.sha256Hex(secret), credentials.expiresAt()));
        long t2 = System.nanoTime();
        LOG.info("Session {} created ({}); upload key {} expires {}", id, mode, credentials.accessKeyId(),
                credentials.expiresAt());
        LOG.debug("Session {}: credentials in {} ms, record in {} ms", id, (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000);
        return new StreamSession(id, playlistUrl(id), grant(id, credentials),
                new RenewalGrant(secret, baseUrl() + "/" + RenewalGrant.path(id)),
                watchOrigin.get().map(URI::toString).orElse(null));
    }

    /**
     * New credentials for a live session, with the same policy (same session, key prefix and bucket). The secret is
     * checked before anything else is told, so a caller without it learns only whether the session exists.
     *
     * @param id     a valid session id
     * @param secret the renewal secret presented (not blank)
     * @throws RenewalRefused which case it is
     */
    public RenewedCredentials renew(String id, String secret) {
        SessionRecord record = requireOwner(id, secret, "credential renewal");
        if (record.ended()) {
            throw refused(id, "credential renewal",
                    record.endedByQuota() ? RenewalRefused.Reason.QUOTA_USED_UP : RenewalRefused.Reason.ENDED);
        }
        IssuedCredentials credentials = issuer.issue(id);
        if (repository.extendCredentials(id, credentials.expiresAt()) != SessionRepository.Extension.EXTENDED) {
            // Ended (or swept) while the credentials were minted: they are never handed out.
            throw refused(id, "credential renewal", RenewalRefused.Reason.ENDED);
        }
        LOG.info("Session {} renewed its upload credentials; upload key {} expires {}", id,
                credentials.accessKeyId(), credentials.expiresAt());
        return new RenewedCredentials(id, grant(id, credentials));
    }

    /**
     * {@link #end} for the session's owner: the secret handed out at creation (the renewal secret) is checked first,
     * as for a renewal. Ending an ended session again is no refusal.
     *
     * @param secret the secret presented (not blank)
     * @throws RenewalRefused when the secret is not this session's, or no such session exists
     */
    public void endAsOwner(String id, String secret) {
        requireOwner(id, secret, "end");
        end(id);
    }

    /** The session's record once {@code secret} is its owner secret; checked before anything else is told. */
    private SessionRecord requireOwner(String id, String secret, String what) {
        SessionRecord record = repository.find(id)
                .orElseThrow(() -> refused(id, what, RenewalRefused.Reason.NO_SUCH_SESSION));
        if (record.renewalSecretSha256() == null) {
            throw refused(id, what, RenewalRefused.Reason.NOT_RENEWABLE);
        }
        if (!RenewalSecrets.matches(secret, record.renewalSecretSha256())) {
            throw refused(id, what, isAnotherSessionsSecret(id, secret)
                    ? RenewalRefused.Reason.ANOTHER_SESSIONS_SECRET : RenewalRefused.Reason.WRONG_SECRET);
        }
        return record;
    }

    private boolean isAnotherSessionsSecret(String id, String secret) {
        return RenewalSecrets.namedSession(secret).filter(other -> !other.equals(id))
                .flatMap(repository::find)
                .map(other -> other.renewalSecretSha256() != null
                        && RenewalSecrets.matches(secret, other.renewalSecretSha256()))
                .orElse(false);
    }

    private static RenewalRefused refused(String id, String what, RenewalRefused.Reason reason) {
        LOG.info("Session {}: {} refused ({})", id, what, reason);
        return new RenewalRefused(reason);
    }

    private UploadGrant grant(String id, IssuedCredentials credentials) {
        return new UploadGrant(credentials.accessKeyId(), credentials.secretAccessKey(),
                credentials.sessionToken(), target.bucket(), target.region(),
                target.endpoint() == null ? null : target.endpoint().toString(), ObjectKeys.inputPrefix(id),
                credentials.expiresAt().toString());
    }

    /**
     * Marks the session ended; ending an ended session changes nothing.
     *
     * @param id a valid session id
     * @return false when no such session exists
     */
    public boolean end(String id) {
        SessionRepository.Ending ending = repository.markEnded(id, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        if (ending == SessionRepository.Ending.ENDED) {
            LOG.info("Session {} ended", id);
        }
        return ending != SessionRepository.Ending.NO_SUCH_SESSION;
    }

    public Optional<SessionRecord> find(String id) {
        return repository.find(id);
    }

    public String playlistUrl(String id) {
        return baseUrl() + "/stream/" + id + "/playlist.m3u8";
    }

    private String baseUrl() {
        String base = publicUrl.get().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
