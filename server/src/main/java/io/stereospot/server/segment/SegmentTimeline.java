package io.stereospot.server.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.contract.ObjectKeys;
import io.stereospot.server.json.Json;
import io.stereospot.server.store.Bucket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real duration of each segment, measured once with ffprobe, and when its first frame was captured; kept in the
 * store beside it (so another server instance, or this one after a restart, does not measure again) and in memory
 * (segments never change).
 *
 * <p>When captured comes from the chunk's own metadata ({@link ObjectKeys#CAPTURED_AT_METADATA}, the capturing
 * computer's clock at its first frame). A chunk without it (an older or another uploader) is taken to have been
 * captured its duration before the store got it: later than the truth by the encoder's delay and the upload.
 */
public final class SegmentTimeline {

    private static final ObjectMapper JSON = Json.mapper();

    private final Bucket bucket;
    private final Path workDir;
    private final Map<String, Facts> facts = new ConcurrentHashMap<>();

    /**
     * @param durationSeconds the segment's real duration
     * @param capturedAtMs    when its first frame was captured (ms since the epoch), or 0 when unknown
     * @param parts           where a player may start within its MPEG-TS ({@link SegmentParts}), in order; empty
     *                        when it is listed whole
     */
    public record Facts(double durationSeconds, long capturedAtMs, List<Part> parts) {
        public Facts {
            parts = List.copyOf(parts);
        }

        /** A segment listed whole. */
        public Facts(double durationSeconds, long capturedAtMs) {
            this(durationSeconds, capturedAtMs, List.of());
        }
    }

    /**
     * A part of a segment's MPEG-TS that a player can start on (it begins with the PAT and PMT before a keyframe).
     *
     * @param offsetBytes  where it starts in the file
     * @param lengthBytes  its length
     * @param startSeconds where it starts in the segment's own time, the first part at 0
     */
    public record Part(long offsetBytes, long lengthBytes, double startSeconds) {
    }

    public SegmentTimeline(Bucket bucket, Path workDir) {
        this.bucket = bucket;
        this.workDir = workDir;
    }

    /** Measures a segment that is on local disk and records its duration (listed whole). */
    private double measure(String sessionId, int index, Path segment) throws IOException, InterruptedException {
        double seconds = MediaProbe.durationSeconds(segment);
        record(sessionId, index, seconds, null, List.of());
        return seconds;
    }

    /**
     * Records what is known of a segment: its duration, when it was captured, its parts, and for a segment served
     * flat what its side object also says ({@code "fallback"}: the layout served, {@code "conversion_error"}: why),
     * where anyone looking at the stored stream finds it.
     *
     * @param fallback null for a segment the converter made
     * @param parts    empty to list it whole
     */
    void record(String sessionId, int index, double seconds, FallbackNote fallback, List<Part> parts)
            throws IOException {
        long capturedAtMs = capturedAtMs(sessionId, index, seconds);
        Map<String, Object> side = new LinkedHashMap<>();
        side.put("duration_seconds", seconds);
        if (capturedAtMs > 0) {
            side.put("captured_at_ms", capturedAtMs);
        }
        if (fallback != null) {
            side.put("fallback", fallback.layout());
            side.put("conversion_error", fallback.conversionError());
        }
        if (!parts.isEmpty()) {
            side.put("parts", parts.stream().map(p -> List.of(p.offsetBytes(), p.lengthBytes(), p.startSeconds()))
                    .toList());
        }
        bucket.put(ObjectKeys.segmentDuration(sessionId, index), JSON.writeValueAsBytes(side), "application/json");
        facts.put(ObjectKeys.segmentDuration(sessionId, index), new Facts(seconds, capturedAtMs, parts));
    }

    /** When the chunk's first frame was captured, by its metadata or else by when the store got it; 0 if gone. */
    private long capturedAtMs(String sessionId, int index, double durationSeconds) {
        var chunk = bucket.info(ObjectKeys.chunk(sessionId, index));
        if (chunk.isEmpty()) {
            return 0;
        }
        String stamped = chunk.get().metadata().get(ObjectKeys.CAPTURED_AT_METADATA);
        if (stamped != null) {
            try {
                long ms = Long.parseLong(stamped.strip());
                if (ms > 0) {
                    return ms;
                }
            } catch (NumberFormatException e) {
                // an uploader's mistake: fall back to the store's time
            }
        }
        return chunk.get().lastModified() == null ? 0
                : chunk.get().lastModified().toEpochMilli() - Math.round(durationSeconds * 1000);
    }

    /** The segment's duration, measuring it now if no one has (a segment written by an outside converter). */
    private double duration(String sessionId, int index) throws IOException, InterruptedException {
        return facts(sessionId, index).durationSeconds();
    }

    /** What is known of the segment, measuring it now if no one has. */
    public Facts facts(String sessionId, int index) throws IOException, InterruptedException {
        String key = ObjectKeys.segmentDuration(sessionId, index);
        Facts known = facts.get(key);
        if (known != null) {
            return known;
        }
        var stored = bucket.bytes(key);
        if (stored.isPresent()) {
            JsonNode node = JSON.readTree(stored.get());
            double seconds = node.path("duration_seconds").asDouble(0);
            if (seconds > 0) {
                Facts read = new Facts(seconds, node.path("captured_at_ms").asLong(0), parts(node.path("parts")));
                facts.put(key, read);
                return read;
            }
        }
        Files.createDirectories(workDir);
        Path local = Files.createTempFile(workDir, "measure-", ".mp4");
        try {
            bucket.download(ObjectKeys.segment(sessionId, index), local);
            measure(sessionId, index, local);
            return facts.get(key);
        } finally {
            Files.deleteIfExists(local);
        }
    }

    /** The parts as {@link #record} stores them: {@code [offset, length, start seconds]} each. */
    private static List<Part> parts(JsonNode stored) {
        List<Part> parts = new ArrayList<>();
        for (JsonNode part : stored) {
            parts.add(new Part(part.path(0).asLong(), part.path(1).asLong(), part.path(2).asDouble()));
        }
        return parts;
    }

    /** Where segment {@code index} starts on the stream's timeline: the sum of the real durations before it. */
    double offset(String sessionId, int index) throws IOException, InterruptedException {
        double sum = 0;
        for (int i = 0; i < index; i++) {
            sum += duration(sessionId, i);
        }
        return sum;
    }

    /** Forget a swept session. */
    public void forget(String sessionId) {
        facts.keySet().removeIf(k -> k.startsWith(ObjectKeys.outputPrefix(sessionId)));
    }
}
