package io.stereospot.server.iam;
import io.stereospot.server.datadir.SecretFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every live credential the embedded STS minted: in memory for the store's per-request lookups, and one owner-only
 * file each under {@code <dataDir>/sts-credentials/} so a restarted server still honours what it handed out.
 *
 * <p>Expired credentials are kept for {@link #RETENTION_AFTER_EXPIRY} so their use is answered {@code ExpiredToken}
 * (as AWS does) rather than {@code InvalidAccessKeyId}; after that they are forgotten.
 */
public final class MintedCredentials {

    public static final String DIR_NAME = "sts-credentials";
    static final Duration RETENTION_AFTER_EXPIRY = Duration.ofDays(1);
    private static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);
    private static final Pattern FILE_NAME = Pattern.compile("[A-Z0-9]{16,32}\\.properties");
    private static final Logger LOG = LoggerFactory.getLogger(MintedCredentials.class);

    private final Path dir;
    private final Clock clock;
    private final Map<String, MintedCredential> byAccessKey = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> lastPurge;

    private MintedCredentials(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
        this.lastPurge = new AtomicReference<>(clock.instant());
    }

    public static MintedCredentials open(Path dataDir, Clock clock) {
        MintedCredentials credentials = new MintedCredentials(dataDir.resolve(DIR_NAME), clock);
        credentials.load();
        return credentials;
    }

    public void add(MintedCredential credential) {
        Properties p = new Properties();
        p.setProperty("access_key_id", credential.accessKeyId());
        p.setProperty("secret_access_key", credential.secretAccessKey());
        p.setProperty("session_token", credential.sessionToken());
        p.setProperty("bucket", credential.bucket());
        p.setProperty("key_prefix", credential.keyPrefix());
        p.setProperty("expires_at", credential.expiresAt().toString());
        SecretFiles.writeProperties(fileOf(credential.accessKeyId()), p);
        byAccessKey.put(credential.accessKeyId(), credential);
        purgeNowAndThen();
    }

    public Optional<MintedCredential> find(String accessKeyId) {
        return accessKeyId == null ? Optional.empty() : Optional.ofNullable(byAccessKey.get(accessKeyId));
    }

    public int size() {
        return byAccessKey.size();
    }

    private void load() {
        try {
            SecretFiles.createOwnerOnlyDirectories(dir);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path file : files) {
                    if (FILE_NAME.matcher(file.getFileName().toString()).matches()) {
                        read(file).ifPresent(c -> byAccessKey.put(c.accessKeyId(), c));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the minted credentials in " + dir, e);
        }
        purge();
        LOG.debug("{} minted credentials still known", byAccessKey.size());
    }

    private Optional<MintedCredential> read(Path file) {
        try {
            Properties p = SecretFiles.readProperties(file);
            return Optional.of(new MintedCredential(p.getProperty("access_key_id"), p.getProperty("secret_access_key"),
                    p.getProperty("session_token"), p.getProperty("bucket"), p.getProperty("key_prefix"),
                    Instant.parse(p.getProperty("expires_at"))));
        } catch (IOException | RuntimeException e) {
            // A damaged file only loses that one credential; the uploader then sees InvalidAccessKeyId.
            LOG.warn("Ignoring the unreadable credential file {}: {}", file.getFileName(), e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private void purgeNowAndThen() {
        Instant now = clock.instant();
        Instant last = lastPurge.get();
        if (Duration.between(last, now).compareTo(PURGE_INTERVAL) >= 0 && lastPurge.compareAndSet(last, now)) {
            purge();
        }
    }

    private void purge() {
        Instant forgetBefore = clock.instant().minus(RETENTION_AFTER_EXPIRY);
        byAccessKey.values().removeIf(c -> {
            if (c.expiresAt().isBefore(forgetBefore)) {
                try {
                    Files.deleteIfExists(fileOf(c.accessKeyId()));
                } catch (IOException e) {
                    LOG.warn("Could not delete the expired credential file of {}", c.accessKeyId());
                }
                return true;
            }
            return false;
        });
    }

    private Path fileOf(String accessKeyId) {
        return dir.resolve(accessKeyId + ".properties");
    }
}
