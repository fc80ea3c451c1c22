package io.stereospot.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.junit.jupiter.api.Test;

class GrantEnforcingBlobStoreTest {

    /** Methods that touch no data: capability questions, closing, and the one allowed operation. */
    private static final Set<String> PASSED_THROUGH = Set.of("putBlob", "close", "supportsVersioning",
            "supportsBucketEncryption", "supportsServerSideEncryption", "supportsCopyMultipartPart",
            "getMinimumMultipartPartSize");

    /** If an S3Proxy upgrade adds an operation, it must be refused here explicitly, not forwarded by default. */
    @Test
    void everyDataOperationOfTheBlobStoreIsOverridden() {
        List<String> forwarded = Arrays.stream(BlobStore.class.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()))
                .filter(m -> !PASSED_THROUGH.contains(m.getName()))
                .filter(m -> !declaredIn(m))
                .map(Method::toGenericString)
                .toList();
        assertThat(forwarded).isEmpty();
    }

    private static boolean declaredIn(Method method) {
        try {
            GrantEnforcingBlobStore.class.getDeclaredMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
