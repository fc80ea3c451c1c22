package io.stereospot.server.iam;

import io.stereospot.contract.ObjectKeys;

/** The inline session policy of one session's upload credentials: PutObject under its input prefix, nothing else. */
public final class SessionPolicy {

    private SessionPolicy() {
    }

    /** The policy JSON (session id validated by {@link ObjectKeys}, bucket names cannot contain quotes). */
    public static String putObjectOnly(String bucket, String sessionId) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\","
                + "\"Resource\":\"" + resource(bucket, sessionId) + "\"}]}";
    }

    public static String resource(String bucket, String sessionId) {
        if (!bucket.matches("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("Not an S3 bucket name: " + bucket);
        }
        return "arn:aws:s3:::" + bucket + "/" + ObjectKeys.inputPrefix(sessionId) + "*";
    }
}
