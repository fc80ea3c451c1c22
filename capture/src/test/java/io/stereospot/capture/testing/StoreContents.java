package io.stereospot.capture.testing;

import io.stereospot.contract.ObjectKeys;
import io.stereospot.server.StreamServer;
import io.stereospot.server.store.EmbeddedObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/** What a session left in the local store, read back with the server's own admin client and from its disk. */
public final class StoreContents {

    private StoreContents() {
    }

    /** Chunk indices under the session's input prefix, in key order. */
    public static List<Integer> chunkIndices(StreamServer server, String sessionId) {
        return server.adminS3().listObjectsV2Paginator(r -> r.bucket(server.bucket())
                        .prefix(ObjectKeys.inputPrefix(sessionId)))
                .contents().stream()
                .map(S3Object::key)
                .map(key -> ObjectKeys.chunkIndex(key.substring(key.lastIndexOf('/') + 1)))
                .filter(OptionalInt::isPresent)
                .map(OptionalInt::getAsInt)
                .sorted()
                .toList();
    }

    /** The content type the store keeps for chunk {@code index}. */
    public static String contentType(StreamServer server, String sessionId, int index) {
        return server.adminS3().headObject(r -> r.bucket(server.bucket())
                .key(ObjectKeys.chunk(sessionId, index))).contentType();
    }

    /** The chunk's file on the local store's disk: {@code <dataDir>/store/<bucket>/<key>}. */
    public static Path chunkFile(StreamServer server, String sessionId, int index) {
        Path file = server.localStore().orElseThrow().objectFile(server.bucket(), ObjectKeys.chunk(sessionId, index));
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("No file for chunk " + index + " at " + file);
        }
        return file;
    }

    /**
     * Chunk indices on the embedded store's disk ({@code <dataDir>/store/<bucket>/stream_input/<id>/}), sorted: for a
     * server in another process, or one that is not running.
     */
    public static List<Integer> chunkIndices(Path dataDir, String bucket, String sessionId) {
        Path folder = EmbeddedObjectStore.objectFileIn(dataDir, bucket, ObjectKeys.inputPrefix(sessionId));
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> ObjectKeys.chunkIndex(f.getFileName().toString()))
                    .filter(OptionalInt::isPresent).map(OptionalInt::getAsInt).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An object's file on the embedded store's disk ({@code <dataDir>/store/<bucket>/<key>}); may not exist. */
    public static Path objectFile(Path dataDir, String bucket, String key) {
        return EmbeddedObjectStore.objectFileIn(dataDir, bucket, key);
    }

    /** The session record the server keeps ({@code stream_sessions/{id}.json}), as text. */
    public static String sessionRecord(StreamServer server, String sessionId) {
        ResponseBytes<GetObjectResponse> bytes = server.adminS3().getObjectAsBytes(r -> r.bucket(server.bucket())
                .key(ObjectKeys.sessionRecord(sessionId)));
        return bytes.asUtf8String();
    }
}
