package io.stereospot.server.store;

import io.stereospot.contract.ObjectKeys;

/**
 * Which keys a session's credentials may write: the granted prefix followed by exactly one chunk file name
 * ({@code chunk_00000.mp4}). Nothing else: the filesystem store resolves {@code ..}, so anything looser than a
 * whitelist of names (encoded dots, backslashes, control characters, empty segments) risks landing elsewhere.
 * This is stricter than the AWS session policy, which allows any key under the prefix; chunks are all we upload.
 */
final class UploadKeys {

    private UploadKeys() {
    }

    static boolean allowed(String grantedBucket, String grantedPrefix, String bucket, String key) {
        if (!grantedBucket.equals(bucket) || key == null || !key.startsWith(grantedPrefix)) {
            return false;
        }
        return ObjectKeys.chunkIndex(key.substring(grantedPrefix.length())).isPresent();
    }
}
