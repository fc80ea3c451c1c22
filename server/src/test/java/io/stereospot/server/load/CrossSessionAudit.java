package io.stereospot.server.load;

import io.stereospot.contract.ObjectKeys;
import io.stereospot.contract.StreamSession;
import io.stereospot.contract.UploadGrant;
import io.stereospot.server.testing.SessionS3;
import io.stereospot.server.testing.StoreFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * After a load run, every credential it minted is turned against the others: each session's credentials PUT into
 * every other session's prefix, its key is signed with another session's secret and sent with another session's
 * token, and every non-PUT method is tried on its own prefix. All of it must be refused and write nothing; one PUT
 * of its own per session (the control) must still be accepted, so the refusals are the policy's, not dead
 * credentials'.
 */
final class CrossSessionAudit {

    /** Index of the control chunk: far past any chunk a load run uploads. */
    static final int CONTROL_INDEX = ObjectKeys.MAX_INDEX;

    record Result(int requests, List<String> accepted, Map<String, Integer> refusalsByCode, int controlsAccepted,
            int sessions, Set<String> unexpectedFiles) {

        boolean clean() {
            return accepted.isEmpty() && controlsAccepted == sessions && unexpectedFiles.isEmpty();
        }

        String describe() {
            return requests + " hostile requests over " + sessions + " sessions' credentials: " + accepted.size()
                    + " accepted, refusals " + refusalsByCode + "; controls accepted " + controlsAccepted + "/"
                    + sessions + (unexpectedFiles.isEmpty() ? "" : "; files written: " + unexpectedFiles);
        }
    }

    private final List<StreamSession> sessions;
    private final Optional<Path> storeRoot;
    private final List<String> accepted = new ArrayList<>();
    private final Map<String, Integer> refusals = new TreeMap<>();
    private int requests;

    CrossSessionAudit(List<StreamSession> sessions, Optional<Path> storeRoot) {
        this.sessions = sessions;
        this.storeRoot = storeRoot;
    }

    Result run() {
        Set<String> before = storeRoot.map(StoreFiles::list).orElse(Set.of());
        Set<String> controls = new HashSet<>();
        int controlsAccepted = 0;
        for (int i = 0; i < sessions.size(); i++) {
            StreamSession own = sessions.get(i);
            UploadGrant grant = own.upload();
            try (S3Client s3 = SessionS3.client(grant)) {
                for (StreamSession other : sessions) {
                    if (other != own) {
                        String key = ObjectKeys.chunk(other.sessionId(), CONTROL_INDEX);
                        refused("PUT into another session's prefix " + key, s3, c -> c.putObject(
                                r -> r.bucket(grant.bucket()).key(key), RequestBody.fromString("intruder")));
                    }
                }
                String ownChunk = ObjectKeys.chunk(own.sessionId(), 0);
                refused("GET " + ownChunk, s3, c -> c.getObjectAsBytes(r -> r.bucket(grant.bucket()).key(ownChunk)));
                refused("HEAD " + ownChunk, s3, c -> c.headObject(r -> r.bucket(grant.bucket()).key(ownChunk)));
                refused("LIST " + grant.keyPrefix(), s3, c -> c.listObjectsV2(
                        r -> r.bucket(grant.bucket()).prefix(grant.keyPrefix())));
                refused("DELETE " + ownChunk, s3, c -> c.deleteObject(r -> r.bucket(grant.bucket()).key(ownChunk)));
                refused("COPY " + ownChunk, s3, c -> c.copyObject(r -> r.sourceBucket(grant.bucket())
                        .sourceKey(ownChunk).destinationBucket(grant.bucket())
                        .destinationKey(ObjectKeys.chunk(own.sessionId(), CONTROL_INDEX - 1))));
                refused("multipart upload", s3, c -> c.createMultipartUpload(r -> r.bucket(grant.bucket())
                        .key(ObjectKeys.chunk(own.sessionId(), CONTROL_INDEX - 2))));

                String control = ObjectKeys.chunk(own.sessionId(), CONTROL_INDEX);
                s3.putObject(r -> r.bucket(grant.bucket()).key(control), RequestBody.fromString("control"));
                controls.add(grant.bucket() + "/" + control);
                controlsAccepted++;
            }
            StreamSession other = sessions.get((i + 1) % sessions.size());
            if (other != own) {
                mixed("key signed with another session's secret", grant, other.upload().secretAccessKey(),
                        grant.sessionToken());
                mixed("key sent with another session's token", grant, grant.secretAccessKey(),
                        other.upload().sessionToken());
            }
        }
        Set<String> unexpected = new HashSet<>(storeRoot.map(StoreFiles::list).orElse(Set.of()));
        unexpected.removeAll(before);
        unexpected.removeAll(controls);
        return new Result(requests, List.copyOf(accepted), Map.copyOf(refusals), controlsAccepted, sessions.size(),
                unexpected);
    }

    private void mixed(String what, UploadGrant grant, String secret, String token) {
        try (S3Client s3 = SessionS3.client(grant, secret, token)) {
            String key = grant.keyPrefix() + ObjectKeys.chunkName(CONTROL_INDEX - 3);
            refused(what, s3, c -> c.putObject(r -> r.bucket(grant.bucket()).key(key),
                    RequestBody.fromString("forged")));
        }
    }

    private void refused(String what, S3Client s3, Consumer<S3Client> request) {
        requests++;
        try {
            request.accept(s3);
            accepted.add(what);
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                    ? String.valueOf(e.statusCode()) : e.awsErrorDetails().errorCode();
            refusals.merge(code, 1, Integer::sum);
        } catch (SdkException e) {
            refusals.merge("client: " + e.getClass().getSimpleName(), 1, Integer::sum);
        }
    }
}
