package io.stereospot.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.contract.HostileStrings;
import io.stereospot.contract.KeyOracle;
import io.stereospot.contract.StreamSession;
import io.stereospot.server.StreamServer;
import io.stereospot.server.testing.ApiClient;
import io.stereospot.server.testing.HostileKeys;
import io.stereospot.server.testing.Sandbox;
import io.stereospot.server.testing.SessionS3;
import io.stereospot.server.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Hostile object keys PUT through the real AWS SDK with a session's real credentials against the embedded store:
 * the store accepts exactly the keys {@link KeyOracle#isOwnChunkKey} accepts (its own prefix plus a canonical chunk
 * name), never answers 5xx, and no file appears anywhere but at the accepted key: not elsewhere in the data dir or
 * the sandbox around it, and not where the key would resolve to on disk if the store followed its {@code ..}.
 */
class HostileKeyProperties {

    private static final String BUCKET = "stereospot";
    private static final byte[] BODY = new byte[2048];

    static Sandbox sandbox;
    static StreamServer server;
    static StreamSession a;
    static StreamSession b;
    static S3Client asA;

    @BeforeContainer
    static void start() {
        Arrays.fill(BODY, (byte) 'k');
        sandbox = Sandbox.create("hostile-keys");
        server = TestServers.embedded(sandbox.dataDir());
        ApiClient api = new ApiClient(server.baseUrl());
        a = api.createSession();
        b = api.createSession();
        asA = SessionS3.client(a.upload());
        // The prefix folder exists from the first chunk on; make it now so each try's "nothing new" is exact.
        // The last index: the converter waits for chunk 0 and leaves this one alone.
        asA.putObject(r -> r.bucket(BUCKET).key(a.upload().keyPrefix() + "chunk_99999.mp4"),
                RequestBody.fromBytes(BODY));
    }

    @AfterContainer
    static void stop() {
        asA.close();
        server.close();
        sandbox.close();
    }

    @Property(tries = 700)
    void aPutSucceedsExactlyForTheSessionsOwnChunkKeysAndWritesNothingElse(@ForAll("keys") String key) {
        boolean allowed = KeyOracle.isOwnChunkKey(a.sessionId(), key);
        String shown = HostileStrings.printable(key);
        Path onDisk = whereTheKeyWouldLand(key);
        boolean existedBefore = onDisk != null && Files.exists(onDisk);
        Set<String> before = sandbox.entries();

        String outcome;
        try {
            asA.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromBytes(BODY));
            outcome = "stored";
        } catch (S3Exception e) {
            assertThat(e.statusCode()).as("status for %s (%s)", shown, e.awsErrorDetails().errorCode())
                    .isBetween(400, 499);
            outcome = e.statusCode() + " " + e.awsErrorDetails().errorCode();
        } catch (SdkClientException e) {
            // The SDK refused to send it (no server answer to judge); it must still never be an allowed key.
            outcome = "not sent: " + e.getMessage().replaceAll("[^A-Za-z ].*", "");
        }
        Statistics.label("outcome").collect(outcome);

        assertThat(outcome.equals("stored")).as("stored %s: %s", shown, outcome).isEqualTo(allowed);
        Set<String> after = sandbox.entries();
        assertThat(Sandbox.minus(before, after)).as("files removed by PUT %s", shown).isEmpty();
        String ownFile = "data/store/" + BUCKET + "/" + key;
        assertThat(Sandbox.minus(after, before)).as("files added by PUT %s (%s)", shown, outcome)
                .allSatisfy(added -> assertThat(added.equals(ownFile) && allowed
                        || added.startsWith("data/store/" + BUCKET + "/stream_output/" + a.sessionId() + "/"))
                        .as("%s may appear", added).isTrue());
        if (allowed) {
            assertThat(EmbeddedObjectStore.objectFileIn(sandbox.dataDir(), BUCKET, key)).hasBinaryContent(BODY);
        } else if (onDisk != null && !existedBefore) {
            // Files.exists, not AssertJ's doesNotExist: a name too long for the file system cannot exist, yet its
            // status is "unknown" to Files.notExists.
            assertThat(Files.exists(onDisk)).as("%s exists after PUT %s", onDisk, shown).isFalse();
        }
        Statistics.label("stored").collect(outcome.equals("stored"));
        Statistics.label("stored").coverage(c -> {
            c.check(true).percentage(p -> p >= 5);
            c.check(false).percentage(p -> p >= 50);
        });
    }

    @Provide
    Arbitrary<String> keys() {
        return HostileKeys.keys(a.sessionId(), b.sessionId());
    }

    /** The file the key names if the store resolved it literally (following "..") under its bucket; null if none. */
    private static Path whereTheKeyWouldLand(String key) {
        try {
            return EmbeddedObjectStore.objectFileIn(sandbox.dataDir(), BUCKET, key).normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
