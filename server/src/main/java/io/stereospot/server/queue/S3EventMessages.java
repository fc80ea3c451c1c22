package io.stereospot.server.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stereospot.server.json.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages on the chunk queue, as AWS delivers them: an S3 event notification ({@code Records[].s3.object.key},
 * URL-encoded) or an EventBridge "Object Created" event ({@code detail.object.key}, plain). The embedded store
 * publishes the first form, so a worker reads the same JSON whichever queue it is given.
 */
public final class S3EventMessages {

    private static final ObjectMapper JSON = Json.mapper();

    private S3EventMessages() {
    }

    /** An S3 event notification for one created object, field for field as S3 sends it (version 2.1). */
    public static String objectCreated(String region, String bucket, String key, long sizeBytes, Instant at) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode records = root.putArray("Records");
        ObjectNode record = records.addObject();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", region);
        record.put("eventTime", at.toString());
        record.put("eventName", "ObjectCreated:Put");
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", "stereospot-chunks");
        ObjectNode bucketNode = s3.putObject("bucket");
        bucketNode.put("name", bucket);
        bucketNode.put("arn", "arn:aws:s3:::" + bucket);
        ObjectNode object = s3.putObject("object");
        object.put("key", URLEncoder.encode(key));
        object.put("size", sizeBytes);
        object.put("sequencer", Long.toHexString(at.toEpochMilli()).toUpperCase());
        return root.toString();
    }

    /**
     * The keys of the objects a message says were created; none for S3's test event, other events or a body that
     * is not such JSON (those are dropped: they can never become a job).
     */
    public static List<String> createdKeys(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return List.of();
        }
        if (root == null || !root.isObject()) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        for (JsonNode record : root.path("Records")) {
            String eventName = record.path("eventName").asText("");
            String key = record.path("s3").path("object").path("key").asText("");
            if (eventName.startsWith("ObjectCreated:") && !key.isEmpty()) {
                // S3 URL-encodes keys in notifications (a space becomes '+').
                keys.add(URLDecoder.decode(key, StandardCharsets.UTF_8));
            }
        }
        if ("Object Created".equals(root.path("detail-type").asText(""))) {
            String key = root.path("detail").path("object").path("key").asText("");
            if (!key.isEmpty()) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** S3's form: like a form field, but a space stays {@code +} and {@code /} stays as it is. */
    private static final class URLEncoder {
        static String encode(String key) {
            return java.net.URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
        }
    }
}
