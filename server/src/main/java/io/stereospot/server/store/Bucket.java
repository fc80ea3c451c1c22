package io.stereospot.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The few object operations the converter and the playlist need, over the AWS SDK so the same code runs against
 * the embedded store and AWS S3.
 */
public final class Bucket {

    private final S3Client s3;
    private final String name;

    public Bucket(S3Client s3, String name) {
        this.s3 = s3;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Keys under {@code prefix}, in the store's (lexicographic) order. */
    public List<String> keys(String prefix) {
        List<String> keys = new ArrayList<>();
        s3.listObjectsV2Paginator(r -> r.bucket(name).prefix(prefix)).contents().stream()
                .map(S3Object::key).forEach(keys::add);
        return keys;
    }

    /** Immediate "folders" under {@code prefix} (the part up to the next slash), without the prefix. */
    public List<String> childNames(String prefix) {
        List<String> names = new ArrayList<>();
        s3.listObjectsV2Paginator(r -> r.bucket(name).prefix(prefix).delimiter("/")).commonPrefixes()
                .forEach(p -> {
                    String child = p.prefix().substring(prefix.length());
                    names.add(child.endsWith("/") ? child.substring(0, child.length() - 1) : child);
                });
        return names;
    }

    public boolean exists(String key) {
        return head(key).isPresent();
    }

    /** What the store keeps about an object besides its bytes. */
    public record ObjectInfo(Map<String, String> metadata, Instant lastModified) {
    }

    /** The object's user metadata and when the store got it, or empty when there is no such object. */
    public Optional<ObjectInfo> info(String key) {
        return head(key).map(head -> new ObjectInfo(head.metadata(), head.lastModified()));
    }

    /** HEAD of the object, or empty when there is none (S3 may say so with a bare 404 rather than NoSuchKey). */
    private Optional<HeadObjectResponse> head(String key) {
        try {
            return Optional.of(s3.headObject(r -> r.bucket(name).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public Optional<byte[]> bytes(String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(r -> r.bucket(name).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    /** An open stream of the object, or empty when there is none; the caller closes it. */
    public Optional<ResponseInputStream<GetObjectResponse>> open(String key) {
        try {
            return Optional.of(s3.getObject(r -> r.bucket(name).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    /**
     * The object's size, for reading it a slice at a time ({@link StoredObject#open(long, long)}), or empty when
     * there is no such object.
     */
    public Optional<StoredObject> stored(String key) {
        return head(key).map(head -> new StoredObject(this, key, head.contentLength()));
    }

    /**
     * Bytes {@code firstByte..lastByte} (inclusive) of the object, or empty when there is none; the caller closes
     * it. A ranged GET: the store sends only these bytes, on AWS S3 and in the embedded store alike.
     */
    public Optional<ResponseInputStream<GetObjectResponse>> open(String key, long firstByte, long lastByte) {
        try {
            String range = "bytes=" + firstByte + "-" + lastByte;
            return Optional.of(s3.getObject(r -> r.bucket(name).key(key).range(range)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    public void download(String key, Path target) throws IOException {
        try (InputStream in = s3.getObject(r -> r.bucket(name).key(key))) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public void upload(String key, Path file, String contentType) {
        s3.putObject(r -> r.bucket(name).key(key).contentType(contentType), RequestBody.fromFile(file));
    }

    public void put(String key, byte[] bytes, String contentType) {
        s3.putObject(r -> r.bucket(name).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
    }

    public void delete(String key) {
        s3.deleteObject(r -> r.bucket(name).key(key));
    }

    /** Deletes every object under {@code prefix}; returns how many. */
    public int deleteAll(String prefix) {
        List<String> keys = keys(prefix);
        keys.forEach(this::delete);
        return keys.size();
    }
}
