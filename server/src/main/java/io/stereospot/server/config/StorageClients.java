package io.stereospot.server.config;

import io.stereospot.server.store.EmbeddedObjectStore;
import java.net.URI;
import java.util.Deque;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The server's view of its storage once {@link Storage#open opened}: its own S3 and STS clients, and what it hands
 * to capture clients.
 *
 * @param adminS3     a client with the server's own credentials (the embedded store's root, or its AWS identity)
 * @param sts         the client {@code AssumeRole} is called with
 * @param region      the signing region of both services
 * @param roleArn     the role session credentials are minted from
 * @param s3Endpoint  the S3 endpoint clients upload to; null on AWS itself (the SDK's regional default)
 * @param stsEndpoint the STS endpoint the server calls; null on AWS itself
 * @param localStore  the embedded store; empty on AWS
 */
public record StorageClients(S3Client adminS3, StsClient sts, String region, String roleArn, URI s3Endpoint,
        URI stsEndpoint, Optional<EmbeddedObjectStore> localStore) {

    static StorageClients open(String region, String roleArn, URI s3Endpoint, URI stsEndpoint,
            AwsCredentialsProvider credentials, Optional<EmbeddedObjectStore> localStore,
            Deque<AutoCloseable> resources) {
        S3Client adminS3 = AwsClients.s3(s3Endpoint, region, credentials);
        resources.push(adminS3);
        StsClient sts = AwsClients.sts(stsEndpoint, region, credentials);
        resources.push(sts);
        return new StorageClients(adminS3, sts, region, roleArn, s3Endpoint, stsEndpoint, localStore);
    }
}
