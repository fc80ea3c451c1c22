package io.stereospot.server.iam;

import io.stereospot.server.iam.MintedCredential;
import io.stereospot.server.iam.MintedCredentials;
import io.stereospot.server.iam.RandomTokens;
import io.stereospot.server.iam.RootCredentials;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Action=AssumeRole} of the embedded STS: only the root key may call it, only on the local role, only with
 * the session policy the server sends. Mints a key, a random secret and a random token per call.
 */
final class AssumeRoleHandler {

    /** Role chaining caps AWS at one hour; the embedded STS allows shorter (tests) but never longer. */
    static final Duration MAX_DURATION = Duration.ofHours(1);
    private static final Pattern ROLE_SESSION_NAME = Pattern.compile("[\\w+=,.@\\-]{2,64}");
    private static final Logger LOG = LoggerFactory.getLogger(AssumeRoleHandler.class);

    private final RootCredentials root;
    private final MintedCredentials minted;
    private final String roleArn;
    private final String bucket;
    private final Clock clock;

    AssumeRoleHandler(RootCredentials root, MintedCredentials minted, String roleArn, String bucket, Clock clock) {
        this.root = root;
        this.minted = minted;
        this.roleArn = roleArn;
        this.bucket = bucket;
        this.clock = clock;
    }

    /** @return the XML response body of a successful call */
    String handle(SigV4Verifier.SignedRequest request) throws StsError {
        authenticate(request);
        Map<String, String> params = form(new String(request.body(), StandardCharsets.UTF_8));
        String action = params.get("Action");
        if (!"AssumeRole".equals(action)) {
            throw new StsError(400, "InvalidAction", "This STS only answers AssumeRole.");
        }
        if (!roleArn.equals(params.get("RoleArn"))) {
            throw new StsError(403, "AccessDenied", "The caller is not authorized to assume that role.");
        }
        String sessionName = params.get("RoleSessionName");
        if (sessionName == null || !ROLE_SESSION_NAME.matcher(sessionName).matches()) {
            throw new StsError(400, "ValidationError", "RoleSessionName must be 2 to 64 characters of [\\w+=,.@-].");
        }
        Duration duration = duration(params.get("DurationSeconds"));
        SessionPolicyGrant grant = SessionPolicyGrant.parse(params.get("Policy"), bucket).orElseThrow(() ->
                new StsError(400, "MalformedPolicyDocument", "The session policy must allow exactly s3:PutObject on "
                        + "arn:aws:s3:::" + bucket + "/stream_input/{session id}/*."));
        Instant expiresAt = clock.instant().plus(duration).truncatedTo(ChronoUnit.SECONDS);
        MintedCredential credential = new MintedCredential(RandomTokens.accessKeyId("SSTEMP"),
                RandomTokens.secret(30), RandomTokens.secret(48), grant.bucket(), grant.keyPrefix(), expiresAt);
        minted.add(credential);
        LOG.debug("Minted {} for {} until {}", credential.accessKeyId(), grant.keyPrefix(), expiresAt);
        return StsXml.assumeRoleResponse(credential.accessKeyId(), credential.secretAccessKey(),
                credential.sessionToken(), expiresAt, roleArn, sessionName);
    }

    private void authenticate(SigV4Verifier.SignedRequest request) throws StsError {
        String authorization = request.header().apply("authorization");
        if (authorization == null) {
            throw new StsError(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
        }
        SigV4Verifier.Claim claim = SigV4Verifier.parse(authorization).orElseThrow(() ->
                new StsError(400, "IncompleteSignature", "The Authorization header is not a SigV4 signature."));
        if (!claim.accessKeyId().equals(root.accessKeyId())) {
            throw new StsError(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
        }
        // Signature freshness is about transport, so it uses real time, not the (injectable) credential clock.
        switch (SigV4Verifier.verify(request, claim, root.secretAccessKey(), "sts", Instant.now())) {
            case OK:
                return;
            case EXPIRED:
                throw new StsError(403, "RequestExpired", "The request signature is too old or too far ahead.");
            case WRONG_SIGNATURE:
                throw new StsError(403, "SignatureDoesNotMatch",
                        "The request signature we calculated does not match the signature you provided.");
            default:
                throw new StsError(400, "IncompleteSignature", "The request signature is incomplete.");
        }
    }

    private static Duration duration(String value) throws StsError {
        if (value == null) {
            return MAX_DURATION;
        }
        try {
            long seconds = Long.parseLong(value);
            if (seconds >= 1 && seconds <= MAX_DURATION.toSeconds()) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new StsError(400, "ValidationError", "DurationSeconds must be between 1 and 3600.");
    }

    private static Map<String, String> form(String body) throws StsError {
        Map<String, String> params = new HashMap<>();
        try {
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (params.put(name, value) != null) {
                    throw new StsError(400, "InvalidParameterCombination", "Parameter " + name + " is repeated.");
                }
            }
        } catch (IllegalArgumentException e) {
            throw new StsError(400, "MalformedQueryString", "The request body is not form-encoded.");
        }
        return params;
    }
}
