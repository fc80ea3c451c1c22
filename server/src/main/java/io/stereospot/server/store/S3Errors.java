package io.stereospot.server.store;

import io.stereospot.server.datadir.DiskFull;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** S3 error responses as S3Proxy renders them: thrown from a blob store, answered as the XML error document. */
final class S3Errors {

    private S3Errors() {
    }

    static S3Exception of(int httpStatus, String code, String message) {
        return (S3Exception) S3Exception.builder()
                .statusCode(httpStatus)
                .message(message)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .serviceName("S3")
                        .sdkHttpResponse(SdkHttpResponse.builder().statusCode(httpStatus).build())
                        .build())
                .build();
    }

    static S3Exception accessDenied() {
        return of(403, "AccessDenied", "Access Denied");
    }

    static S3Exception expiredToken() {
        return of(400, "ExpiredToken", "The provided token has expired.");
    }

    static S3Exception invalidToken() {
        return of(400, "InvalidToken", "The provided token is malformed or otherwise invalid.");
    }

    static S3Exception missingToken() {
        return of(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.");
    }

    /**
     * The answer to a write that found the data dir's disk full (ENOSPC): 503 {@code SlowDown}, the S3 code every
     * SDK retries with backoff, carrying a sentence that says what is wrong.
     */
    static S3Exception diskFull() {
        return of(503, "SlowDown", DiskFull.MESSAGE);
    }
}
