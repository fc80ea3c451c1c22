package io.stereospot.server.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.contract.ObjectKeys;
import io.stereospot.server.store.Bucket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real duration of each segment, measured once with ffprobe and kept in the store beside it (so another server
 * instance, or this one after a restart, does not measure again) and in memory (segments never change).
 */
public final class SegmentTimeline {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Bucket bucket;
    private final Path workDir;
    private final Map<String, Double> durations = new ConcurrentHashMap<>();

    public SegmentTimeline(Bucket bucket, Path workDir) {
        this.bucket = bucket;
        this.workDir = workDir;
    }

    /** Measures a segment that is on local disk and records its duration. */
    public double measure(String sessionId, int index, Path segment) throws IOException, InterruptedException {
        return measure(sessionId, index, segment, null);
    }

    /**
     * The same, for a segment served flat: its side object also says so ({@code "fallback"}: the layout served,
     * {@code "conversion_error"}: why), where anyone looking at the stored stream finds it.
     *
     * @param fallback null for a segment the converter made
     */
    public double measure(String sessionId, int index, Path segment, FallbackNote fallback)
            throws IOException, InterruptedException {
        double seconds = MediaProbe.durationSeconds(segment);
        Map<String, Object> side = new LinkedHashMap<>();
        side.put("duration_seconds", seconds);
        if (fallback != null) {
            side.put("fallback", fallback.layout());
            side.put("conversion_error", fallback.conversionError());
        }
        bucket.put(ObjectKeys.segmentDuration(sessionId, index), JSON.writeValueAsBytes(side), "application/json");
        durations.put(ObjectKeys.segmentDuration(sessionId, index), seconds);
        return seconds;
    }

    /** The segment's duration, measuring it now if no one has (a segment written by an outside converter). */
    public double duration(String sessionId, int index) throws IOException, InterruptedException {
        String key = ObjectKeys.segmentDuration(sessionId, index);
        Double known = durations.get(key);
        if (known != null) {
            return known;
        }
        var stored = bucket.bytes(key);
        if (stored.isPresent()) {
            JsonNode node = JSON.readTree(stored.get());
            double seconds = node.path("duration_seconds").asDouble(0);
            if (seconds > 0) {
                durations.put(key, seconds);
                return seconds;
            }
        }
        Files.createDirectories(workDir);
        Path local = Files.createTempFile(workDir, "measure-", ".mp4");
        try {
            bucket.download(ObjectKeys.segment(sessionId, index), local);
            return measure(sessionId, index, local);
        } finally {
            Files.deleteIfExists(local);
        }
    }

    /** Where segment {@code index} starts on the stream's timeline: the sum of the real durations before it. */
    public double offset(String sessionId, int index) throws IOException, InterruptedException {
        double sum = 0;
        for (int i = 0; i < index; i++) {
            sum += duration(sessionId, i);
        }
        return sum;
    }

    /** Forget a swept session. */
    public void forget(String sessionId) {
        durations.keySet().removeIf(k -> k.startsWith(ObjectKeys.outputPrefix(sessionId)));
    }
}
