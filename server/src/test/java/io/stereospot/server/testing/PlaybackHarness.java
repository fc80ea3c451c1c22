package io.stereospot.server.testing;

import io.javalin.Javalin;
import io.stereospot.contract.ObjectKeys;
import io.stereospot.contract.SessionIds;
import io.stereospot.server.lifecycle.SessionRecords;
import io.stereospot.server.objects.Bucket;
import io.stereospot.server.playback.Playback;
import io.stereospot.server.playback.PlaybackSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * The playback side served over HTTP on an ephemeral port, fed from a plain S3 endpoint, with the store's
 * "object stored" notification given by hand after each upload (what the embedded store does by itself).
 */
public final class PlaybackHarness implements AutoCloseable {

    private final LocalS3 s3;
    private final Bucket bucket;
    private final Playback playback;
    private final Javalin http;
    private final SessionRecords records;
    private final HttpClient client = HttpClient.newHttpClient();
    private final java.util.Queue<String> served;

    private PlaybackHarness(LocalS3 s3, Bucket bucket, Playback playback, Javalin http,
            java.util.Queue<String> served) {
        this.served = served;
        this.s3 = s3;
        this.bucket = bucket;
        this.playback = playback;
        this.http = http;
        this.records = new SessionRecords(bucket);
    }

    public static PlaybackHarness start(Path dir, PlaybackSettings settings) throws Exception {
        LocalS3 s3 = LocalS3.start(dir);
        Playback playback = Playback.start(settings, s3.client(), s3.bucket(), dir.resolve("work"),
                Clock.systemUTC());
        java.util.Queue<String> served = new java.util.concurrent.ConcurrentLinkedQueue<>();
        Javalin http = Javalin.create(config -> {
            playback.addRoutes(config.routes);
            config.routes.after(ctx -> served.add(ctx.status().getCode() + " " + ctx.path()));
        }).start("127.0.0.1", 0);
        return new PlaybackHarness(s3, new Bucket(s3.client(), s3.bucket()), playback, http, served);
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + http.port());
    }

    public URI playlistUrl(String sessionId) {
        return baseUrl().resolve("/stream/" + sessionId + "/playlist.m3u8");
    }

    public String createSession() {
        String id = SessionIds.newId();
        records.create(id, "sbs", Instant.now());
        playback.objectStored(ObjectKeys.sessionRecord(id));
        return id;
    }

    public void upload(String sessionId, int index, Path chunk) {
        String key = ObjectKeys.chunk(sessionId, index);
        bucket.upload(key, chunk, "video/mp4");
        playback.objectStored(key);
    }

    public void end(String sessionId) {
        records.markEnded(sessionId, Instant.now());
        playback.objectStored(ObjectKeys.sessionRecord(sessionId));
    }

    public HttpResponse<String> get(URI url) {
        try {
            return client.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("GET " + url + " failed", e);
        }
    }

    public String playlist(String sessionId) {
        HttpResponse<String> response = get(playlistUrl(sessionId));
        if (response.statusCode() != 200) {
            throw new AssertionError("playlist answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    public static long segmentCount(String playlist) {
        return playlist.lines().filter(l -> l.startsWith("#EXTINF")).count();
    }

    /** "200 /stream/…/seg_00000.ts" for every request answered so far. */
    public java.util.List<String> served() {
        return java.util.List.copyOf(served);
    }

    /**
     * A session with {@code chunks} uploaded, converted and ended: a finished playlist with ENDLIST.
     */
    public String finishedSession(java.util.List<Path> chunks, java.time.Duration timeout) {
        String id = createSession();
        for (int i = 0; i < chunks.size(); i++) {
            upload(id, i, chunks.get(i));
        }
        end(id);
        Await.until("ENDLIST for " + chunks.size() + " segments", () -> {
            String p = playlist(id);
            return p.contains("#EXT-X-ENDLIST") && segmentCount(p) == chunks.size();
        }, timeout);
        return id;
    }

    public Bucket bucket() {
        return bucket;
    }

    public Playback playback() {
        return playback;
    }

    @Override
    public void close() throws Exception {
        http.stop();
        playback.close();
        s3.close();
    }
}
