package io.stereospot.server.config;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/** The server's own SDK clients: the same builders for AWS (no endpoint) and any other store (endpoint given). */
public final class AwsClients {

    private AwsClients() {
    }

    /** @param endpoint null for AWS itself; path-style addressing otherwise (no DNS per bucket on localhost) */
    static S3Client s3(URI endpoint, String region, AwsCredentialsProvider credentials) {
        var builder = S3Client.builder().region(Region.of(region)).credentialsProvider(credentials);
        if (endpoint != null) {
            builder.endpointOverride(endpoint).forcePathStyle(true);
        }
        return builder.build();
    }

    /** An S3 client with the SDK's default credentials (environment, profile or instance role), as a worker has. */
    public static S3Client s3WithDefaultCredentials(URI endpoint, String region) {
        return s3(endpoint, region, DefaultCredentialsProvider.builder().build());
    }

    static StsClient sts(URI endpoint, String region, AwsCredentialsProvider credentials) {
        var builder = StsClient.builder().region(Region.of(region)).credentialsProvider(credentials);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }
}
