package io.stereospot.server.store;
import io.stereospot.server.datadir.DiskFull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.contract.ObjectKeys;
import io.stereospot.contract.StreamSession;
import io.stereospot.server.StreamServer;
import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.testing.ApiClient;
import io.stereospot.server.testing.SessionS3;
import io.stereospot.server.testing.StoreFiles;
import io.stereospot.server.testing.TestServers;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The data dir on a real 8 MiB tmpfs that fills up: the PUT that does not fit is refused with a retryable S3 error,
 * leaves nothing behind, spares what was stored before, the server keeps answering, and it recovers once space is
 * freed. Needs root (mount); CI runs the tests as root.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiskFullTest {

    private static final int TMPFS_MIB = 8;
    private static final int CHUNK_BYTES = 512 * 1024;
    private static final int FILLER_BYTES = 3 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path mountPoint;
    private boolean mounted;
    private StreamServer server;

    @BeforeAll
    void mountTmpfs() throws Exception {
        assumeTrue("0".equals(run("id", "-u").trim()),
                "DiskFullTest mounts a tmpfs and so needs root (CI runs the tests as root); skipped");
        mountPoint = Files.createTempDirectory("stereospot-diskfull-");
        String output = run("mount", "-t", "tmpfs", "-o", "size=" + TMPFS_MIB + "m", "tmpfs", mountPoint.toString());
        mounted = run("findmnt", "-n", "-o", "FSTYPE", mountPoint.toString()).trim().equals("tmpfs");
        assumeTrue(mounted, "mount -t tmpfs is not permitted here (" + output.trim() + "); skipped");
    }

    @AfterAll
    void unmount() throws Exception {
        if (server != null) {
            server.close();
        }
        if (mounted) {
            run("umount", mountPoint.toString());
        }
        if (mountPoint != null) {
            Files.deleteIfExists(mountPoint);
        }
    }

    @Test
    void aFullDiskRefusesThePutCleanlyKeepsEverythingElseAndRecovers() throws Exception {
        Path dataDir = mountPoint.resolve("data");
        // A converter that never writes: the test's PUTs are then the only thing filling the disk.
        server = TestServers.withConverter(dataDir, ConverterSettings.command("false {input} {output}"));
        ApiClient api = new ApiClient(server.baseUrl());
        StreamSession filling = api.createSession();
        StreamSession other = api.createSession();
        Path filler = mountPoint.resolve("filler.bin");
        Files.write(filler, new byte[FILLER_BYTES]);

        Random random = new Random(6);
        Map<String, byte[]> stored = new LinkedHashMap<>();
        byte[] otherChunk = randomBytes(random);
        try (S3Client s3 = SessionS3.client(other.upload())) {
            put(s3, ObjectKeys.chunk(other.sessionId(), 0), otherChunk);
        }
        stored.put(ObjectKeys.chunk(other.sessionId(), 0), otherChunk);

        try (S3Client s3 = SessionS3.client(filling.upload())) {
            String refusedKeyFound = null;
            byte[] refusedBodyFound = null;
            S3Exception refusal = null;
            Set<String> filesBefore = null;
            for (int i = 0; i < 2 * TMPFS_MIB * 1024 * 1024 / CHUNK_BYTES && refusal == null; i++) {
                String key = ObjectKeys.chunk(filling.sessionId(), i);
                byte[] body = randomBytes(random);
                filesBefore = StoreFiles.list(mountPoint);
                refusal = catchThrowableOfType(() -> put(s3, key, body), S3Exception.class);
                if (refusal == null) {
                    stored.put(key, body);
                } else {
                    refusedKeyFound = key;
                    refusedBodyFound = body;
                }
            }
            String refusedKey = refusedKeyFound;
            byte[] refusedBody = refusedBodyFound;
            long storedBytes = stored.values().stream().mapToLong(b -> b.length).sum();
            System.out.printf("tmpfs %d MiB, filler %d B; %d chunks (%d B) stored before %s was refused: %d %s%n",
                    TMPFS_MIB, FILLER_BYTES, stored.size(), storedBytes, refusedKey,
                    refusal == null ? 0 : refusal.statusCode(),
                    refusal == null ? "" : refusal.awsErrorDetails().errorCode());
            assertThat(refusal).as("a PUT into a full %d MiB disk is refused", TMPFS_MIB).isNotNull();
            assertThat(stored).as("some chunks fitted before the disk was full").hasSizeGreaterThan(2);

            StoreFault expected = StoreFault.diskFull();
            assertThat(refusal.statusCode()).isEqualTo(expected.httpStatus()).isEqualTo(503);
            assertThat(refusal.awsErrorDetails().errorCode()).isEqualTo(expected.code()).isEqualTo("SlowDown");
            assertThat(refusal.awsErrorDetails().errorMessage()).isEqualTo(StoreFault.DISK_FULL_MESSAGE);
            assertThat(refusal.isThrottlingException()).as("SlowDown is a throttling error to the SDK").isTrue();
            try (S3Client retrying = SessionS3.retryingClient(filling.upload())) {
                S3Exception retried = catchThrowableOfType(() -> put(retrying, refusedKey, refusedBody),
                        S3Exception.class);
                assertThat(retried).isNotNull();
                assertThat(retried.numAttempts()).as("the SDK's standard strategy retried it").isEqualTo(3);
            }

            String refusedName = refusedKey.substring(refusedKey.lastIndexOf('/') + 1);
            Set<String> filesAfter = StoreFiles.list(mountPoint);
            assertThat(filesAfter).as("the refused PUT left no file behind, not even a temporary one")
                    .isEqualTo(filesBefore)
                    .noneMatch(f -> f.contains(refusedName));
            assertThat(listedKeys(filling.sessionId())).doesNotContain(refusedKey);
            assertIntact(stored);

            assertServerStillAnswers(api, filling, false);
            // Now not even a session record or a credential file fits: session creation must be a JSON 503.
            Path lastBytes = mountPoint.resolve("filler-last-bytes.bin");
            long lastBytesSize = fillCompletely(lastBytes);
            System.out.printf("filled the last %d B of the tmpfs%n", lastBytesSize);
            assertServerStillAnswers(api, filling, true);

            Files.delete(lastBytes);
            Files.delete(filler);
            put(s3, refusedKey, refusedBody);
            stored.put(refusedKey, refusedBody);
            assertIntact(stored);
            assertThat(listedKeys(filling.sessionId())).contains(refusedKey);
        }
        StreamSession afterwards = api.createSession();
        try (S3Client s3 = SessionS3.client(afterwards.upload())) {
            byte[] body = randomBytes(random);
            put(s3, ObjectKeys.chunk(afterwards.sessionId(), 0), body);
            stored.put(ObjectKeys.chunk(afterwards.sessionId(), 0), body);
        }
        assertIntact(stored);
        assertThat(StoreFiles.list(mountPoint)).as("no temporary file left anywhere on the disk")
                .noneMatch(f -> f.endsWith(".tmp") || f.endsWith(".part") || f.matches(".*\\.mp4-.+"));
    }

    /**
     * With the disk still full: health, session creation (201 while small files still fit, else a JSON 503) and an
     * existing session's playlist.
     */
    private void assertServerStillAnswers(ApiClient api, StreamSession existing, boolean completelyFull)
            throws IOException {
        assertThat(api.send("GET", "/healthz", null).statusCode()).isEqualTo(200);

        for (int attempt = 0; attempt < 3; attempt++) {
            HttpResponse<String> created = api.send("POST", "/stream_sessions", "{\"mode\":\"sbs\"}");
            System.out.printf("POST /stream_sessions on the full disk: %d %s%n", created.statusCode(),
                    created.body().length() > 120 ? created.body().substring(0, 120) + "…" : created.body());
            if (completelyFull) {
                assertThat(created.statusCode()).isEqualTo(503);
                assertThat(created.body()).contains("The stream server's disk is full");
            } else {
                assertThat(created.statusCode()).isIn(201, 503);
            }
            assertThat(created.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            JsonNode body = JSON.readTree(created.body());
            if (created.statusCode() == 503) {
                assertThat(body.get("error").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
            } else {
                assertThat(body.get("session_id").asText()).isNotBlank();
            }
        }
        assertThat(StoreFiles.list(mountPoint)).as("failed session creations left no temporary file")
                .noneMatch(f -> f.endsWith(".tmp"));

        HttpResponse<String> playlist = api.send("GET", "/stream/" + existing.sessionId() + "/playlist.m3u8", null);
        assertThat(playlist.statusCode()).isEqualTo(200);
        assertThat(playlist.body()).startsWith("#EXTM3U");
    }

    /** Writes zeros to {@code file} until the disk refuses more; returns how many bytes fitted. */
    private static long fillCompletely(Path file) throws IOException {
        byte[] block = new byte[4096];
        long written = 0;
        try (var out = Files.newOutputStream(file)) {
            while (written < TMPFS_MIB * 1024L * 1024L) {
                out.write(block);
                out.flush();
                written += block.length;
            }
        } catch (IOException e) {
            assertThat(DiskFull.isCause(e)).as("the filler stopped on ENOSPC: %s", e).isTrue();
        }
        return written;
    }

    private void assertIntact(Map<String, byte[]> stored) {
        for (Map.Entry<String, byte[]> object : stored.entrySet()) {
            byte[] read = server.adminS3().getObjectAsBytes(r -> r.bucket(server.bucket()).key(object.getKey()))
                    .asByteArray();
            assertThat(read).as("%s byte-identical", object.getKey()).isEqualTo(object.getValue());
        }
    }

    private List<String> listedKeys(String sessionId) {
        return server.adminS3().listObjectsV2Paginator(r -> r.bucket(server.bucket())
                .prefix(ObjectKeys.inputPrefix(sessionId))).contents().stream().map(S3Object::key).toList();
    }

    private void put(S3Client s3, String key, byte[] body) {
        s3.putObject(r -> r.bucket(server.bucket()).key(key).contentType("video/mp4"), RequestBody.fromBytes(body));
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[CHUNK_BYTES];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return output + " (timed out)";
        }
        return output;
    }
}
