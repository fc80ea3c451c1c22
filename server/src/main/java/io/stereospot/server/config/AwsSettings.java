package io.stereospot.server.config;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the server finds a real S3 + STS (AWS, or MinIO) instead of its embedded store.
 *
 * @param roleArn     the role {@code AssumeRole} is called on; its trust policy must admit the server's identity
 * @param region      the signing region of both services
 * @param s3Endpoint  null for AWS itself; the S3 URL of any other store (MinIO), handed to clients as {@code endpoint}
 * @param stsEndpoint null for AWS itself; the STS URL of any other provider
 */
public record AwsSettings(String roleArn, String region, URI s3Endpoint, URI stsEndpoint) {

    public static final String ROLE_ARN_ENV = "STEREOSPOT_AWS_ROLE_ARN";
    public static final String REGION_ENV = "STEREOSPOT_AWS_REGION";
    public static final String S3_ENDPOINT_ENV = "STEREOSPOT_S3_ENDPOINT";
    public static final String STS_ENDPOINT_ENV = "STEREOSPOT_STS_ENDPOINT";
    public static final String DEFAULT_REGION = "us-east-1";

    public AwsSettings {
        Objects.requireNonNull(roleArn, "roleArn");
        if (!roleArn.startsWith("arn:")) {
            throw new IllegalArgumentException("The role ARN must look like arn:aws:iam::123456789012:role/NAME");
        }
        region = region == null || region.isBlank() ? DEFAULT_REGION : region;
    }

    /** AWS mode when {@value #ROLE_ARN_ENV} is set; empty (embedded store) otherwise. */
    public static Optional<AwsSettings> fromEnvironment(Map<String, String> env) {
        String roleArn = env.get(ROLE_ARN_ENV);
        if (roleArn == null || roleArn.isBlank()) {
            return Optional.empty();
        }
        String region = env.getOrDefault(REGION_ENV, env.get("AWS_REGION"));
        return Optional.of(new AwsSettings(roleArn, region, uri(env.get(S3_ENDPOINT_ENV)), uri(env.get(STS_ENDPOINT_ENV))));
    }

    private static URI uri(String value) {
        return value == null || value.isBlank() ? null : URI.create(value);
    }
}
