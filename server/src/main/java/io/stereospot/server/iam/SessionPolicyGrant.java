package io.stereospot.server.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.contract.ObjectKeys;
import io.stereospot.contract.SessionIds;
import io.stereospot.server.json.Json;
import java.util.Iterator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an inline session policy grants, as far as the embedded STS understands one: exactly the policy the server
 * sends (one Allow of {@code s3:PutObject} on {@code arn:aws:s3:::{bucket}/stream_input/{session id}/*}). The local
 * role allows nothing wider, so any other policy is refused rather than half-understood.
 */
record SessionPolicyGrant(String bucket, String keyPrefix) {

    private static final ObjectMapper JSON = Json.mapper();
    private static final Pattern RESOURCE = Pattern.compile(
            "arn:aws:s3:::([a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9])/" + Pattern.quote(ObjectKeys.INPUT_ROOT)
                    + "([0-9a-f\\-]{36})/\\*");

    static Optional<SessionPolicyGrant> parse(String policy, String allowedBucket) {
        if (policy == null || policy.isBlank() || policy.length() > 2048) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(policy);
            if (root == null || !root.isObject()) {
                return Optional.empty();
            }
            JsonNode statement = single(root.get("Statement"));
            if (statement == null || !statement.isObject()
                    || !"Allow".equals(text(statement.get("Effect")))
                    || !"s3:PutObject".equals(text(single(statement.get("Action"))))
                    || statement.has("NotAction") || statement.has("NotResource") || statement.has("Condition")) {
                return Optional.empty();
            }
            String resource = text(single(statement.get("Resource")));
            Matcher m = RESOURCE.matcher(resource == null ? "" : resource);
            if (!m.matches() || !m.group(1).equals(allowedBucket) || !SessionIds.isValid(m.group(2))) {
                return Optional.empty();
            }
            return Optional.of(new SessionPolicyGrant(m.group(1), ObjectKeys.inputPrefix(m.group(2))));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** A JSON value that is either the one element of a one-element array or the value itself. */
    private static JsonNode single(JsonNode node) {
        if (node != null && node.isArray()) {
            Iterator<JsonNode> elements = node.elements();
            JsonNode first = elements.hasNext() ? elements.next() : null;
            return elements.hasNext() ? null : first;
        }
        return node;
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }
}
