package io.stereospot.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stereospot.contract.StreamSession;
import io.stereospot.contract.UploadGrant;
import io.stereospot.server.StreamServer;
import io.stereospot.server.testing.ApiClient;
import io.stereospot.server.testing.MutableClock;
import io.stereospot.server.testing.SessionS3;
import io.stereospot.server.testing.StoreFiles;
import io.stereospot.server.testing.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The centrepiece: a session's credentials, used with the real AWS SDK S3 client against the embedded store, can
 * PutObject chunk files under their own prefix and do nothing else; every refusal carries the code AWS would give
 * and leaves the store exactly as it was.
 */
class SessionCredentialsSecurityTest {

    /** 1 MiB: big enough that a refusal before the body is read would show up as a broken pipe, not a 403. */
    private static final byte[] CHUNK = new byte[1024 * 1024];

    @TempDir
    static Path dataDir;
    static MutableClock clock = new MutableClock();
    static StreamServer server;
    static StreamSession a;
    static StreamSession b;
    static S3Client asA;

    @BeforeAll
    static void start() {
        Arrays.fill(CHUNK, (byte) 7);
        server = TestServers.withClock(dataDir, clock);
        ApiClient api = new ApiClient(server.baseUrl());
        a = api.createSession();
        b = api.createSession();
        asA = SessionS3.client(a.upload());
    }

    @AfterAll
    static void stop() {
        asA.close();
        server.close();
    }

    static Path store() {
        return TestServers.storeRoot(dataDir);
    }

    static String prefixA() {
        return a.upload().keyPrefix();
    }

    @Test
    void putUnderItsOwnPrefixLandsAsAPlainFile() throws Exception {
        String key = prefixA() + "chunk_00000.mp4";
        asA.putObject(r -> r.bucket("stereospot").key(key).contentType("video/mp4"), RequestBody.fromBytes(CHUNK));

        Path file = store().resolve("stereospot").resolve(key);
        assertThat(file).exists().hasBinaryContent(CHUNK);
        assertThat(server.adminS3().getObjectAsBytes(r -> r.bucket("stereospot").key(key)).asByteArray())
                .isEqualTo(CHUNK);
    }

    static Stream<Arguments> keysOutsideTheGrant() {
        String ida = a.sessionId();
        String idb = b.sessionId();
        return Stream.of(
                denied("stream_input/" + idb + "/chunk_00000.mp4"),                // another session's prefix
                denied("stream_sessions/" + ida + ".json"),                          // its own session record
                denied("stream_output/" + ida + "/seg_00000.mp4"),                  // the converter's output
                denied("chunk_00000.mp4"),                                           // the bucket root
                denied("stream_input/" + ida + "/../" + idb + "/chunk_00001.mp4"),  // traversal into B
                denied("stream_input/" + ida + "/../../stream_sessions/" + idb + ".json"),
                denied("stream_input/" + ida + "/%2e%2e/" + idb + "/chunk_00002.mp4"), // encoded dots, literally
                denied("stream_input/" + ida + "/..\\" + idb + "\\chunk_00003.mp4"), // backslashes
                denied("stream_input/" + ida + "/./chunk_00005.mp4"),
                denied("stream_input/" + ida + "/sub/chunk_00006.mp4"),
                denied("stream_input/" + ida + "/chunk_00008.mp4\n"),               // control character
                denied("stream_input/" + ida + "/chunk_0009.mp4"),                   // not a chunk name
                denied("stream_input/" + ida + "/notes.txt"),
                denied("stream_input/" + ida),                                       // the prefix without its slash
                denied("stream_input/" + ida.toUpperCase() + "/chunk_00010.mp4"),
                // S3Proxy's Jetty folds "//" before the signature is checked, so the request fails to authenticate.
                Arguments.of("stream_input/" + ida + "//chunk_00004.mp4", 403, "SignatureDoesNotMatch"),
                // S3Proxy refuses a NUL in the key outright.
                Arguments.of("stream_input/" + ida + "/chunk_00007.mp4\u0000.txt", 400, "InvalidURI"));
    }

    private static Arguments denied(String key) {
        return Arguments.of(key, 403, "AccessDenied");
    }

    @ParameterizedTest
    @MethodSource("keysOutsideTheGrant")
    void putOutsideItsPrefixIsRefusedAndWritesNothing(String key, int status, String code) {
        assertRefusedWithoutWriting(() -> asA.putObject(r -> r.bucket("stereospot").key(key),
                RequestBody.fromBytes(CHUNK)), status, code);
    }

    @Test
    void putIntoAnotherBucketIsRefused() {
        server.adminS3().createBucket(r -> r.bucket("other-bucket"));
        assertRefusedWithoutWriting(() -> asA.putObject(r -> r.bucket("other-bucket")
                .key(prefixA() + "chunk_00000.mp4"), RequestBody.fromBytes(CHUNK)), 403, "AccessDenied");
    }

    @Test
    void readingListingDeletingAndCopyingAreAccessDenied() {
        String own = prefixA() + "chunk_00020.mp4";
        asA.putObject(r -> r.bucket("stereospot").key(own), RequestBody.fromBytes(CHUNK));

        assertRefusedWithoutWriting(() -> asA.getObjectAsBytes(r -> r.bucket("stereospot").key(own)),
                403, "AccessDenied");
        assertRefusedWithoutWriting(() -> asA.listObjectsV2(r -> r.bucket("stereospot").prefix(prefixA())),
                403, "AccessDenied");
        assertRefusedWithoutWriting(() -> asA.listObjects(r -> r.bucket("stereospot")), 403, "AccessDenied");
        assertRefusedWithoutWriting(() -> asA.listBuckets(), 403, "AccessDenied");
        assertRefusedWithoutWriting(() -> asA.deleteObject(r -> r.bucket("stereospot").key(own)),
                403, "AccessDenied");
        assertRefusedWithoutWriting(() -> asA.copyObject(r -> r.sourceBucket("stereospot").sourceKey(own)
                .destinationBucket("stereospot").destinationKey(prefixA() + "chunk_00021.mp4")), 403, "AccessDenied");
        assertRefusedWithoutWriting(() -> asA.createMultipartUpload(r -> r.bucket("stereospot")
                .key(prefixA() + "chunk_00022.mp4")), 403, "AccessDenied");
        assertRefusedWithoutWriting(() -> asA.deleteBucket(r -> r.bucket("stereospot")), 403, "AccessDenied");
        assertRefusedWithoutWriting(() -> asA.headObject(r -> r.bucket("stereospot").key(own)), 403, null);
        assertThat(store().resolve("stereospot").resolve(own)).exists();
    }

    @Test
    void aWrongSecretIsSignatureDoesNotMatch() {
        try (S3Client wrongSecret = SessionS3.client(a.upload(), a.upload().secretAccessKey() + "x",
                a.upload().sessionToken())) {
            assertRefusedWithoutWriting(() -> wrongSecret.putObject(r -> r.bucket("stereospot")
                    .key(prefixA() + "chunk_00030.mp4"), RequestBody.fromBytes(CHUNK)), 403, "SignatureDoesNotMatch");
        }
    }

    @Test
    void anotherSessionsSecretDoesNotSignForThisKey() {
        try (S3Client mixed = SessionS3.client(a.upload(), b.upload().secretAccessKey(), a.upload().sessionToken())) {
            assertRefusedWithoutWriting(() -> mixed.putObject(r -> r.bucket("stereospot")
                    .key(prefixA() + "chunk_00031.mp4"), RequestBody.fromBytes(CHUNK)), 403, "SignatureDoesNotMatch");
        }
    }

    @Test
    void anUnknownAccessKeyIsInvalidAccessKeyId() {
        UploadGrant unknown = new UploadGrant("SSTEMPUNKNOWN0000000", "whatever", "whatever", "stereospot",
                a.upload().region(), a.upload().endpoint(), prefixA(), a.upload().expiresAt());
        try (S3Client s3 = SessionS3.client(unknown)) {
            assertRefusedWithoutWriting(() -> s3.putObject(r -> r.bucket("stereospot")
                    .key(prefixA() + "chunk_00032.mp4"), RequestBody.fromBytes(CHUNK)), 403, "InvalidAccessKeyId");
        }
    }

    @Test
    void anotherSessionsTokenIsInvalidToken() {
        try (S3Client wrongToken = SessionS3.client(a.upload(), a.upload().secretAccessKey(),
                b.upload().sessionToken())) {
            assertRefusedWithoutWriting(() -> wrongToken.putObject(r -> r.bucket("stereospot")
                    .key(prefixA() + "chunk_00033.mp4"), RequestBody.fromBytes(CHUNK)), 400, "InvalidToken");
        }
    }

    @Test
    void noTokenAtAllIsRefused() {
        try (S3Client noToken = S3Client.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create(a.upload().endpoint())).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        a.upload().accessKeyId(), a.upload().secretAccessKey())))
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(s -> s.maxAttempts(1)))
                .build()) {
            assertRefusedWithoutWriting(() -> noToken.putObject(r -> r.bucket("stereospot")
                    .key(prefixA() + "chunk_00034.mp4"), RequestBody.fromBytes(CHUNK)), 403, "InvalidAccessKeyId");
        }
    }

    @Test
    void anonymousRequestsAreRefused() throws Exception {
        Set<String> before = StoreFiles.list(store());
        HttpClient http = HttpClient.newHttpClient();
        String url = a.upload().endpoint() + "/stereospot/" + prefixA() + "chunk_00035.mp4";
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(CHUNK)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(a.upload().endpoint() + "/stereospot"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(403);
        assertThat(put.body()).contains("<Code>AccessDenied</Code>");
        assertThat(list.statusCode()).isEqualTo(403);
        assertThat(StoreFiles.list(store())).isEqualTo(before);
    }

    @Test
    void expiredCredentialsAreExpiredToken() {
        MutableClock ownClock = new MutableClock();
        try (StreamServer own = TestServers.withClock(dataDir.resolve("expiry"), ownClock)) {
            StreamSession session = new ApiClient(own.baseUrl()).createSession();
            Path ownStore = TestServers.storeRoot(dataDir.resolve("expiry"));
            try (S3Client s3 = SessionS3.client(session.upload())) {
                String key = session.upload().keyPrefix() + "chunk_00000.mp4";
                s3.putObject(r -> r.bucket("stereospot").key(key), RequestBody.fromBytes(CHUNK));

                ownClock.advance(Duration.ofMinutes(61));
                Set<String> before = StoreFiles.list(ownStore);
                String next = session.upload().keyPrefix() + "chunk_00001.mp4";
                assertS3Error(() -> s3.putObject(r -> r.bucket("stereospot").key(next), RequestBody.fromBytes(CHUNK)),
                        400, "ExpiredToken");
                assertS3Error(() -> s3.getObjectAsBytes(r -> r.bucket("stereospot").key(key)), 400, "ExpiredToken");
                assertThat(StoreFiles.list(ownStore)).isEqualTo(before).doesNotContain("stereospot/" + next);
            }
        }
    }

    @Test
    void theStoreHoldsOnlyWhatWasAllowed() {
        // Whatever ran before, nothing but session records and A's own chunks can be in the session area.
        List<String> unexpected = StoreFiles.list(store().resolve("stereospot")).stream()
                .filter(f -> !f.startsWith("stream_sessions/"))
                .filter(f -> !f.matches("stream_input/" + a.sessionId() + "/chunk_\\d{5}\\.mp4"))
                .toList();
        assertThat(unexpected).isEmpty();
        assertThat(StoreFiles.list(store().resolve("stereospot")))
                .noneMatch(f -> f.startsWith("stream_input/" + b.sessionId()));
    }

    private static void assertRefusedWithoutWriting(ThrowingCallable call, int status, String code) {
        Set<String> before = StoreFiles.list(store());
        byte[] recordB = server.adminS3().getObjectAsBytes(r -> r.bucket("stereospot")
                .key("stream_sessions/" + b.sessionId() + ".json")).asByteArray();
        assertS3Error(call, status, code);
        assertThat(StoreFiles.list(store())).as("files in the store").isEqualTo(before);
        assertThat(server.adminS3().getObjectAsBytes(r -> r.bucket("stereospot")
                .key("stream_sessions/" + b.sessionId() + ".json")).asByteArray()).isEqualTo(recordB);
    }

    private static void assertS3Error(ThrowingCallable call, int status, String code) {
        Consumer<Throwable> check = e -> {
            S3Exception s3 = (S3Exception) e;
            assertThat(s3.statusCode()).as("HTTP status").isEqualTo(status);
            if (code != null) { // HEAD answers carry no body, hence no code
                assertThat(s3.awsErrorDetails().errorCode()).as("AWS error code").isEqualTo(code);
            }
        };
        assertThatThrownBy(call).isInstanceOf(S3Exception.class).satisfies(check::accept);
    }
}
