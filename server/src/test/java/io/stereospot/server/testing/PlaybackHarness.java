package io.stereospot.server.testing;

import io.stereospot.contract.ObjectKeys;
import io.stereospot.contract.StreamSession;
import io.stereospot.media.testenv.Await;
import io.stereospot.server.ServerConfig;
import io.stereospot.server.StreamServer;
import io.stereospot.server.http.HttpApi;
import io.stereospot.server.store.Bucket;
import io.stereospot.server.playback.Playback;
import io.stereospot.server.playback.PlaybackSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The real stream server (embedded store + STS) on ephemeral ports, driven as the capture app drives it: sessions
 * created and ended through the API, chunks uploaded with each session's temporary credentials. The store's own
 * notifications wake the converter.
 */
public final class PlaybackHarness implements AutoCloseable {

    private final StreamServer server;
    private final ApiClient api;
    private final Bucket bucket;
    private final Map<String, StreamSession> sessions = new ConcurrentHashMap<>();
    /** One client per session, as the uploader keeps one for the whole broadcast. */
    private final Map<String, S3Client> uploaders = new ConcurrentHashMap<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private final LogCapture requests = new LogCapture(HttpApi.class);

    private PlaybackHarness(StreamServer server) {
        this.server = server;
        this.api = new ApiClient(server.baseUrl());
        this.bucket = new Bucket(server.adminS3(), server.bucket());
    }

    public static PlaybackHarness start(Path dir, PlaybackSettings settings) {
        return start(dir, settings, java.time.Clock.systemUTC());
    }

    public static PlaybackHarness start(Path dir, PlaybackSettings settings, java.time.Clock clock) {
        return new PlaybackHarness(StreamServer.start(TestServers.config(dir.resolve("data"))
                .playback(settings).clock(clock).build()));
    }

    /** A server as {@code config} says (begin it with {@link TestServers#config(Path)}). */
    public static PlaybackHarness start(ServerConfig config) {
        return new PlaybackHarness(StreamServer.start(config));
    }

    /** Where the embedded store keeps an object as a plain file. */
    public Path storeFile(String key) {
        return TestServers.objectFile(server, key);
    }

    public URI baseUrl() {
        return server.baseUrl();
    }

    public URI playlistUrl(String sessionId) {
        return baseUrl().resolve("/stream/" + sessionId + "/playlist.m3u8");
    }

    /** POST /stream_sessions; returns the new session's id. */
    public String createSession() {
        StreamSession session = api.createSession();
        sessions.put(session.sessionId(), session);
        return session.sessionId();
    }

    public StreamSession session(String sessionId) {
        return sessions.get(sessionId);
    }

    /** PUT chunk {@code index} with the session's own temporary credentials, as the uploader does. */
    public void upload(String sessionId, int index, Path chunk) {
        upload(sessionId, index, chunk, Map.of());
    }

    /** The same, stamped as the capture stamps it: its first frame was grabbed at {@code capturedAtMs}. */
    public void upload(String sessionId, int index, Path chunk, long capturedAtMs) {
        upload(sessionId, index, chunk, Map.of(ObjectKeys.CAPTURED_AT_METADATA, Long.toString(capturedAtMs)));
    }

    private void upload(String sessionId, int index, Path chunk, Map<String, String> metadata) {
        StreamSession session = sessions.get(sessionId);
        S3Client s3 = uploaders.computeIfAbsent(sessionId, id -> SessionS3.client(session.upload()));
        s3.putObject(r -> r.bucket(session.upload().bucket())
                .key(session.upload().keyPrefix() + String.format("chunk_%05d.mp4", index))
                .contentType("video/mp4").metadata(metadata), RequestBody.fromFile(chunk));
    }

    /** POST /stream_sessions/{id}/end. */
    public void end(String sessionId) {
        HttpResponse<String> response = api.end(sessions.get(sessionId));
        if (response.statusCode() != 200) {
            throw new AssertionError("end answered " + response.statusCode() + ": " + response.body());
        }
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

    /**
     * The playlist once it lists {@code count} segments: a change reaches players through a background rebuild, a
     * moment after the store has it.
     */
    public String awaitSegments(String sessionId, long count) {
        return Await.value("playlist of " + sessionId + " with " + count + " segments", () -> playlist(sessionId),
                p -> segmentCount(p) == count, Duration.ofSeconds(10));
    }

    /** How many segments a playlist lists: a segment listed in parts (byte ranges of one URI) counts once. */
    public static long segmentCount(String playlist) {
        return segmentUris(playlist).size();
    }

    /** The segments' URIs in order, each once (a segment listed in parts is byte ranges of one URI). */
    public static List<String> segmentUris(String playlist) {
        return playlist.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).distinct().toList();
    }

    /** "GET /stream/…/seg_00000.ts -> 200 …" for every request the API logged so far. */
    public List<String> served() {
        return requests.events().stream().map(e -> e.getFormattedMessage()).toList();
    }

    /**
     * Uploads {@code chunks} at a capture's pace (chunk i is complete i chunk lengths after the first, from now),
     * then ends the session half a second before a last chunk would come. Stop the returned scheduler when done.
     */
    public java.util.concurrent.ScheduledExecutorService captureAtPace(String sessionId, List<Path> chunks) {
        java.util.concurrent.ScheduledExecutorService capture =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        long chunkMs = TestChunks.CHUNK_SECONDS * 1000L;
        for (int i = 0; i < chunks.size(); i++) {
            int index = i;
            capture.schedule(() -> upload(sessionId, index, chunks.get(index)), index * chunkMs,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        capture.schedule(() -> end(sessionId), chunks.size() * chunkMs - 500,
                java.util.concurrent.TimeUnit.MILLISECONDS);
        return capture;
    }

    /** When (epoch ms) the API logged its first answer starting with {@code request}, e.g. "GET /stream/…/seg_00001.ts". */
    public java.util.OptionalLong firstServedAtMs(String request) {
        return requests.events().stream().filter(e -> e.getFormattedMessage().startsWith(request))
                .mapToLong(e -> e.getTimeStamp()).min();
    }

    /** A session with {@code chunks} uploaded, converted and ended: a finished playlist with ENDLIST. */
    public String finishedSession(List<Path> chunks, Duration timeout) {
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

    public StreamServer server() {
        return server;
    }

    public Playback playback() {
        return server.playback();
    }

    @Override
    public void close() {
        requests.close();
        uploaders.values().forEach(S3Client::close);
        server.close();
    }
}
