package io.stereospot.server.load;

import io.stereospot.server.http.PlaylistFastPath;
import io.stereospot.server.testing.Latencies;
import io.stereospot.server.testing.PlaybackHarness;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A player such as PotPlayer on a live playlist: reads it once a second and fetches each segment it has not
 * fetched yet, until the playlist ends ({@code #EXT-X-ENDLIST}) or it is told to stop.
 */
public final class SimulatedPlayer implements Runnable {

    private static final long POLL_NANOS = 1_000_000_000L;

    private final URI playlistUrl;
    private final HttpClient http;
    private static final Pattern HELD = Pattern.compile("(?:^|,)\\s*" + PlaylistFastPath.HOLD_METRIC + ";dur=(\\d+)");
    private final Latencies playlistLatency;
    /** Segment index → when this player first saw it listed (System.nanoTime). */
    private final Map<Integer, Long> listedAtNanos = new ConcurrentHashMap<>();
    private final AtomicLong segmentBytes = new AtomicLong();
    private volatile int errors;
    private volatile String lastError;
    private volatile boolean ended;
    private volatile boolean stopped;

    SimulatedPlayer(URI playlistUrl, HttpClient http, Latencies playlistLatency) {
        this.playlistUrl = playlistUrl;
        this.http = http;
        this.playlistLatency = playlistLatency;
    }

    @Override
    public void run() {
        long next = System.nanoTime();
        while (!stopped && !ended && !Thread.currentThread().isInterrupted()) {
            poll();
            next += POLL_NANOS;
            long wait;
            while (!stopped && (wait = next - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    /** How long the server says it held the answer ({@code Server-Timing: hold;dur=<ms>}), or 0. */
    public static long heldNanos(HttpResponse<?> response) {
        for (String timing : response.headers().allValues(PlaylistFastPath.SERVER_TIMING)) {
            Matcher held = HELD.matcher(timing);
            if (held.find()) {
                return TimeUnit.MILLISECONDS.toNanos(Long.parseLong(held.group(1)));
            }
        }
        return 0;
    }

    private void poll() {
        long began = System.nanoTime();
        HttpResponse<String> playlist;
        try {
            // 20 s like hls.js: the server holds a first request until the session has a segment (PlaylistHold).
            playlist = http.send(HttpRequest.newBuilder(playlistUrl).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            error("playlist: " + e);
            return;
        }
        long seenAt = System.nanoTime();
        // A reload the server held on purpose until its segment was listed is not a slow answer: count the rest.
        playlistLatency.record(Math.max(0, seenAt - began - heldNanos(playlist)));
        if (playlist.statusCode() != 200) {
            error("playlist answered " + playlist.statusCode());
            return;
        }
        List<String> segments = PlaybackHarness.segmentUris(playlist.body());
        for (int i = 0; i < segments.size(); i++) {
            if (listedAtNanos.putIfAbsent(i, seenAt) == null) {
                fetch(playlistUrl.resolve(segments.get(i)));
            }
        }
        ended = playlist.body().contains("#EXT-X-ENDLIST");
    }

    private void fetch(URI segment) {
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(segment)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofInputStream());
            long bytes;
            // Read to the end and drop: megabytes per segment kept as arrays would make this JVM's GC the bottleneck.
            try (InputStream body = response.body()) {
                bytes = body.transferTo(OutputStream.nullOutputStream());
            }
            if (response.statusCode() != 200 || bytes == 0) {
                error(segment + " answered " + response.statusCode() + " with " + bytes + " bytes");
                return;
            }
            segmentBytes.addAndGet(bytes);
        } catch (Exception e) {
            error(segment + ": " + e);
        }
    }

    private void error(String what) {
        errors++;
        lastError = what;
    }

    void stop() {
        stopped = true;
    }

    Long listedAtNanos(int index) {
        return listedAtNanos.get(index);
    }

    int segmentsFetched() {
        return listedAtNanos.size();
    }

    long segmentBytes() {
        return segmentBytes.get();
    }

    int errors() {
        return errors;
    }

    String lastError() {
        return lastError;
    }
}
