package io.stereospot.server.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.contract.ObjectKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Session records in the bucket, through the S3 API (the same calls on AWS and on the embedded store). */
public final class SessionRepository {

    private final S3Client s3;
    private final String bucket;
    private final ObjectMapper json;

    public SessionRepository(S3Client s3, String bucket, ObjectMapper json) {
        this.s3 = s3;
        this.bucket = bucket;
        this.json = json;
    }

    public void save(SessionRecord record) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        s3.putObject(r -> r.bucket(bucket).key(ObjectKeys.sessionRecord(record.id())).contentType("application/json"),
                RequestBody.fromBytes(body));
    }

    /** @param id a valid session id (callers validate it first) */
    public Optional<SessionRecord> find(String id) {
        ResponseBytes<GetObjectResponse> bytes;
        try {
            bytes = s3.getObjectAsBytes(r -> r.bucket(bucket).key(ObjectKeys.sessionRecord(id)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(bytes.asByteArray(), SessionRecord.class));
        } catch (IOException e) {
            throw new UncheckedIOException("The session record of " + id + " is damaged", e);
        }
    }
}
