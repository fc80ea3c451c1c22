package io.stereospot.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stereospot.contract.StreamSession;
import io.stereospot.server.StreamServer;
import io.stereospot.server.iam.MintedCredential;
import io.stereospot.server.testing.ApiClient;
import io.stereospot.server.testing.SessionS3;
import io.stereospot.server.testing.StoreFiles;
import io.stereospot.server.testing.TestServers;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Every operation of S3Proxy's {@link BlobStore} called with a session credential's context: each one but the
 * granted PutObject is refused, and the store underneath is left untouched. Root credentials, which get the store
 * itself, do the same operations.
 */
class GrantEnforcingBlobStoreTest {

    /** Methods that touch no data: capability questions and closing. */
    private static final Set<String> PASSED_THROUGH = Set.of("close", "supportsVersioning",
            "supportsBucketEncryption", "supportsServerSideEncryption", "supportsCopyMultipartPart",
            "getMinimumMultipartPartSize");
    private static final String BUCKET = "stereospot";
    private static final String PREFIX = "stream_input/7f3c1a2b-0000-4000-8000-000000000001/";
    private static final String STORED_KEY = PREFIX + "chunk_00000.mp4";
    private static final String TOKEN = "the-token-minted-with-the-key";
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    @TempDir
    Path storeRoot;
    private BlobStore store;

    @BeforeEach
    void storeWithOneChunk() {
        store = new FilesystemNio2BlobStore(storeRoot.toString());
        store.createContainer(BUCKET);
        store.putBlob(PutObjectRequest.builder().bucket(BUCKET).key(STORED_KEY).build(),
                new ByteArrayInputStream(new byte[100]));
    }

    /** If an S3Proxy upgrade adds an operation, it must be refused explicitly, not forwarded by default. */
    @Test
    void everyDataOperationOfTheBlobStoreIsOverridden() {
        List<String> forwarded = dataOperations().stream()
                .filter(m -> !declaredIn(RefusingBlobStore.class, m))
                .map(Method::toGenericString)
                .toList();
        assertThat(forwarded).isEmpty();
    }

    @Test
    void everyOperationButTheGrantedPutIsRefusedAndTouchesNothing() {
        assertEveryOperationRefused(session(TOKEN, NOW), "AccessDenied");
    }

    @Test
    void withExpiredOrWrongCredentialsEveryOperationIsRefusedAsSuch() {
        assertEveryOperationRefused(session(TOKEN, NOW.plus(Duration.ofHours(1))), "ExpiredToken");
        assertEveryOperationRefused(session("forged", NOW), "InvalidToken");
        assertEveryOperationRefused(session(null, NOW), "InvalidAccessKeyId");
    }

    @Test
    void theGrantedPutReachesTheStore() {
        String key = PREFIX + "chunk_00001.mp4";
        session(TOKEN, NOW).putBlob(PutObjectRequest.builder().bucket(BUCKET).key(key).build(),
                new ByteArrayInputStream(new byte[42]));
        assertThat(storeRoot.resolve(BUCKET).resolve(key)).hasSize(42);
    }

    private void assertEveryOperationRefused(GrantEnforcingBlobStore session, String expectedCode) {
        Set<String> before = StoreFiles.list(storeRoot);
        List<String> notRefused = new ArrayList<>();
        for (Method method : dataOperations()) {
            Object[] args = argumentsFor(method);
            String outcome = outcomeOf(session, method, args);
            if (!outcome.equals(expectedCode)) {
                notRefused.add(method.getName() + Arrays.toString(method.getParameterTypes()) + " -> " + outcome);
            }
            Arrays.stream(args).filter(InputStream.class::isInstance).map(InputStream.class::cast)
                    .forEach(body -> assertThat(body).as("%s drains the body", method.getName()).isEmpty());
        }
        assertThat(notRefused).as("operations not answered %s", expectedCode).isEmpty();
        assertThat(StoreFiles.list(storeRoot)).isEqualTo(before);
        assertThat(storeRoot.resolve(BUCKET).resolve(STORED_KEY)).hasSize(100);
    }

    /** The S3 error code the call answered, or what happened instead. */
    private static String outcomeOf(BlobStore target, Method method, Object[] args) {
        try {
            method.invoke(target, args);
            return "forwarded";
        } catch (InvocationTargetException e) {
            return e.getCause() instanceof S3Exception s3 ? s3.awsErrorDetails().errorCode() : e.getCause().toString();
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    /** The bucket and the stored chunk where a name is asked for; a PUT names a key the grant does not cover. */
    private static Object[] argumentsFor(Method method) {
        List<String> names = new ArrayList<>(List.of(BUCKET, STORED_KEY));
        Object[] args = new Object[method.getParameterCount()];
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < args.length; i++) {
            Class<?> type = types[i];
            if (type == String.class) {
                args[i] = names.isEmpty() ? null : names.remove(0);
            } else if (type == InputStream.class) {
                args[i] = new ByteArrayInputStream(new byte[1000]);
            } else if (type == PutObjectRequest.class) {
                args[i] = PutObjectRequest.builder().bucket(BUCKET).key("stream_sessions/forged.json").build();
            } else if (type == MultipartUpload.class) {
                args[i] = new MultipartUpload("upload-1",
                        CreateMultipartUploadRequest.builder().bucket(BUCKET).key(STORED_KEY).build());
            } else if (type.isEnum()) {
                args[i] = type.getEnumConstants()[0];
            } else {
                args[i] = built(type);
            }
        }
        return args;
    }

    /** An SDK request or model object with nothing set: refusals do not look inside. */
    private static Object built(Class<?> type) {
        try {
            Object builder = type.getMethod("builder").invoke(null);
            Method build = builder.getClass().getMethod("build");
            build.setAccessible(true);
            return build.invoke(builder);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("No argument for " + type, e);
        }
    }

    private GrantEnforcingBlobStore session(String presentedToken, Instant now) {
        MintedCredential grant = new MintedCredential("ASIAEXAMPLEKEY000001", "secret", TOKEN, BUCKET, PREFIX,
                NOW.plus(Duration.ofHours(1)));
        return new GrantEnforcingBlobStore(store, grant, presentedToken, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static List<Method> dataOperations() {
        return Arrays.stream(BlobStore.class.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()))
                .filter(m -> !PASSED_THROUGH.contains(m.getName()))
                .sorted(Comparator.comparing(Method::toGenericString))
                .toList();
    }

    private static boolean declaredIn(Class<?> type, Method method) {
        try {
            type.getDeclaredMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** The same operations through the running store: the root key may, a session key may not. */
    @Test
    void rootCredentialsPassThroughWhereASessionIsRefused(@TempDir Path dataDir) {
        try (StreamServer server = TestServers.embedded(dataDir)) {
            StreamSession session = new ApiClient(server.baseUrl()).createSession();
            String key = session.upload().keyPrefix() + "chunk_00000.mp4";
            S3Client root = server.adminS3();
            root.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromString("by root"));
            Map<String, Consumer<S3Client>> operations = new TreeMap<>(Map.of(
                    "ListBuckets", s3 -> s3.listBuckets(),
                    "HeadBucket", s3 -> s3.headBucket(r -> r.bucket(BUCKET)),
                    "ListObjectsV2", s3 -> s3.listObjectsV2(r -> r.bucket(BUCKET)),
                    "HeadObject", s3 -> s3.headObject(r -> r.bucket(BUCKET).key(key)),
                    "GetObject", s3 -> s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)),
                    "GetBucketAcl", s3 -> s3.getBucketAcl(r -> r.bucket(BUCKET)),
                    "CopyObject", s3 -> s3.copyObject(r -> r.sourceBucket(BUCKET).sourceKey(key)
                            .destinationBucket(BUCKET).destinationKey(key.replace("00000", "00001"))),
                    "DeleteObject", s3 -> s3.deleteObject(r -> r.bucket(BUCKET).key(key.replace("00000", "00001")))));
            try (S3Client asSession = SessionS3.client(session.upload())) {
                operations.forEach((name, operation) -> {
                    assertThatThrownBy(() -> operation.accept(asSession)).as(name)
                            .isInstanceOfSatisfying(S3Exception.class, e -> {
                                assertThat(e.statusCode()).isEqualTo(403);
                                if (!name.startsWith("Head")) { // a HEAD answer has no body to carry the code
                                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                                }
                            });
                    operation.accept(root);
                });
            }
            assertThat(root.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asUtf8String()).isEqualTo("by root");
        }
    }
}
