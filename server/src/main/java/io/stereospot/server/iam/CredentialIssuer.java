package io.stereospot.server.iam;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * One code path for AWS and the embedded store: STS {@code AssumeRole} with an inline session policy that narrows
 * the role to {@code s3:PutObject} on {@code arn:aws:s3:::{bucket}/stream_input/{session_id}/*}.
 */
public final class CredentialIssuer {

    private final StsClient sts;
    private final String roleArn;
    private final String bucket;
    private final Duration lifetime;

    public CredentialIssuer(StsClient sts, String roleArn, String bucket, Duration lifetime) {
        this.sts = sts;
        this.roleArn = roleArn;
        this.bucket = bucket;
        this.lifetime = lifetime;
    }

    public IssuedCredentials issue(String sessionId) {
        AssumeRoleResponse response = sts.assumeRole(r -> r
                .roleArn(roleArn)
                .roleSessionName(roleSessionName(sessionId))
                .policy(SessionPolicy.putObjectOnly(bucket, sessionId))
                .durationSeconds((int) lifetime.toSeconds()));
        Credentials c = response.credentials();
        return new IssuedCredentials(c.accessKeyId(), c.secretAccessKey(), c.sessionToken(),
                c.expiration().truncatedTo(ChronoUnit.SECONDS));
    }

    /** 2–64 characters of {@code [\w+=,.@-]}: a UUID fits, and CloudTrail then names the session. */
    static String roleSessionName(String sessionId) {
        return "stereospot-" + sessionId;
    }
}
