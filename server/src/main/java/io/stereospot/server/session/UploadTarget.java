package io.stereospot.server.session;

import java.net.URI;

/**
 * Where session credentials upload to, as handed to clients.
 *
 * @param endpoint null on AWS (clients use the regional default); the S3 URL of any other store
 */
public record UploadTarget(String bucket, String region, URI endpoint) {
}
