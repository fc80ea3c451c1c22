package io.stereospot.server.session;

import io.stereospot.contract.ObjectKeys;
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

/** Creates and ends stream sessions: credentials from STS, the record in the bucket. */
public final class SessionService {

    private static final Logger LOG = LoggerFactory.getLogger(SessionService.class);

    private final SessionRepository repository;
    private final CredentialIssuer issuer;
    private final UploadTarget target;
    private final Supplier<URI> publicUrl;
    private final Clock clock;

    /**
     * @param target    where clients upload (bucket, region, endpoint), the same for every session
     * @param publicUrl the base URL players reach this server at (known once the API listens)
     */
    public SessionService(SessionRepository repository, CredentialIssuer issuer, UploadTarget target,
            Supplier<URI> publicUrl, Clock clock) {
        this.repository = repository;
        this.issuer = issuer;
        this.target = target;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /** @param mode a supported mode (the caller validated it) */
    public StreamSession create(String mode) {
        String id = SessionIds.newId();
        long t0 = System.nanoTime();
        IssuedCredentials credentials = issuer.issue(id);
        long t1 = System.nanoTime();
        repository.save(new SessionRecord(id, mode, clock.instant().truncatedTo(ChronoUnit.MILLIS), null));
        long t2 = System.nanoTime();
        LOG.info("Session {} created ({}); upload key {} expires {}", id, mode, credentials.accessKeyId(),
                credentials.expiresAt());
        LOG.debug("Session {}: credentials in {} ms, record in {} ms", id, (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000);
        UploadGrant upload = new UploadGrant(credentials.accessKeyId(), credentials.secretAccessKey(),
                credentials.sessionToken(), target.bucket(), target.region(),
                target.endpoint() == null ? null : target.endpoint().toString(), ObjectKeys.inputPrefix(id),
                credentials.expiresAt().toString());
        return new StreamSession(id, playlistUrl(id), upload);
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
        String base = publicUrl.get().toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/stream/" + id + "/playlist.m3u8";
    }
}
