package io.stereospot.server.iam;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks an AWS Signature Version 4 {@code Authorization} header the way AWS does: rebuild the canonical request
 * from what arrived, derive the signing key from the caller's secret, compare signatures in constant time.
 */
final class SigV4Verifier {

    static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request\\s*,\\s*"
                    + "SignedHeaders=([a-z0-9;\\-]+)\\s*,\\s*Signature=([0-9a-f]{64})\\s*");
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** What the Authorization header claims, before it is checked. */
    record Claim(String accessKeyId, String date, String region, String service, List<String> signedHeaders,
            String signature) {
    }

    /** A request as the verifier needs it: header lookup is case-insensitive and joins repeated values. */
    record SignedRequest(String method, String rawPath, String rawQuery, Function<String, String> header,
            byte[] body) {
    }

    enum Outcome { OK, MALFORMED, WRONG_SIGNATURE, EXPIRED }

    private SigV4Verifier() {
    }

    static Optional<Claim> parse(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        Matcher m = AUTHORIZATION.matcher(authorization.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Claim(m.group(1), m.group(2), m.group(3), m.group(4), List.of(m.group(5).split(";")),
                m.group(6)));
    }

    static Outcome verify(SignedRequest request, Claim claim, String secretAccessKey, String expectedService,
            Instant now) {
        if (!claim.service().equals(expectedService) || !claim.signedHeaders().contains("host")) {
            return Outcome.MALFORMED;
        }
        String amzDate = request.header().apply("x-amz-date");
        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(amzDate == null ? "" : amzDate));
        } catch (DateTimeParseException e) {
            return Outcome.MALFORMED;
        }
        if (!amzDate.startsWith(claim.date())) {
            return Outcome.MALFORMED;
        }
        if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
            return Outcome.EXPIRED;
        }
        // The whole body is here (unlike a streamed S3 upload), so its hash is computed, never taken on trust.
        String payloadHash = hex(sha256(request.body()));
        String claimedHash = request.header().apply("x-amz-content-sha256");
        if (claimedHash != null && !claimedHash.equals(payloadHash)) {
            return Outcome.WRONG_SIGNATURE;
        }
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : claim.signedHeaders()) {
            String value = request.header().apply(name);
            if (value == null) {
                return Outcome.MALFORMED;
            }
            canonicalHeaders.append(name).append(':').append(value.trim().replaceAll("\\s+", " ")).append('\n');
        }
        String canonicalRequest = String.join("\n",
                request.method(),
                canonicalPath(request.rawPath()),
                canonicalQuery(request.rawQuery()),
                canonicalHeaders.toString(),
                String.join(";", claim.signedHeaders()),
                payloadHash);
        String scope = claim.date() + "/" + claim.region() + "/" + claim.service() + "/aws4_request";
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), claim.date());
        key = hmac(key, claim.region());
        key = hmac(key, claim.service());
        key = hmac(key, "aws4_request");
        byte[] expected = hex(hmac(key, stringToSign)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, claim.signature().getBytes(StandardCharsets.US_ASCII))
                ? Outcome.OK : Outcome.WRONG_SIGNATURE;
    }

    private static String canonicalPath(String rawPath) {
        return rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        TreeMap<String, List<String>> sorted = new TreeMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = encode(decode(eq < 0 ? pair : pair.substring(0, eq)));
            String value = eq < 0 ? "" : encode(decode(pair.substring(eq + 1)));
            sorted.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : sorted.entrySet()) {
            e.getValue().stream().sorted().forEach(v -> parts.add(e.getKey() + "=" + v));
        }
        return String.join("&", parts);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** RFC 3986 unreserved characters stay, everything else is %XX (upper case), as SigV4 requires. */
    private static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
