package io.stereospot.server.iam;
import io.stereospot.server.datadir.SecretFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store's own credentials: full access, used by the server (session records, the converter) and as
 * the only identity the embedded STS accepts. Generated at first start and kept in the data dir, owner-only.
 */
public record RootCredentials(String accessKeyId, String secretAccessKey) {

    public static final String FILE_NAME = "root-credentials.properties";
    private static final Logger LOG = LoggerFactory.getLogger(RootCredentials.class);

    public static RootCredentials loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                Properties p = SecretFiles.readProperties(file);
                String id = p.getProperty("access_key_id");
                String secret = p.getProperty("secret_access_key");
                if (id == null || secret == null || id.isBlank() || secret.isBlank()) {
                    throw new IllegalStateException("The credentials file " + file + " is damaged: delete it and "
                            + "start again (credentials handed out before then stop working).");
                }
                return new RootCredentials(id, secret);
            }
            SecretFiles.createOwnerOnlyDirectories(dataDir);
            RootCredentials created = new RootCredentials(RandomTokens.accessKeyId("SSROOT"), RandomTokens.secret(30));
            Properties p = new Properties();
            p.setProperty("access_key_id", created.accessKeyId);
            p.setProperty("secret_access_key", created.secretAccessKey);
            SecretFiles.writeProperties(file, p);
            LOG.info("Generated the store's root credentials in {} (owner-only)", file);
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create " + file, e);
        }
    }

    @Override
    public String toString() {
        return "RootCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***]";
    }
}
