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

    private PlaybackHarness(LocalS3 s3, Bucket bucket, Playback playback, Javalin http) {
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
        Javalin http = Javalin.create(config -> playback.addRoutes(config.routes)).start("127.0.0.1", 0);
        return new PlaybackHarness(s3, new Bucket(s3.client(), s3.bucket()), playback, http);
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
