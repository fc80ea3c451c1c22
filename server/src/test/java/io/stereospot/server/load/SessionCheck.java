package io.stereospot.server.load;

import io.stereospot.contract.StreamSession;
import io.stereospot.server.playlist.PlaylistRenderer;
import io.stereospot.server.testing.PlaybackHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What a session's playlist says once the run is over: how many segments, in which order, and whether it ended.
 *
 * @param acknowledged chunks the store acknowledged for this session
 * @param segments the segment URIs of the last playlist read
 * @param ended whether that playlist had {@code #EXT-X-ENDLIST}
 */
record SessionCheck(String sessionId, int acknowledged, List<String> segments, boolean ended) {

    record Playlist(int status, List<String> segments, boolean ended) {
    }

    /** Reads the playlist once a second until it ends with every acknowledged chunk listed, or the deadline. */
    static SessionCheck await(HttpClient http, StreamSession session, int acknowledged, long deadlineNanos) {
        URI url = URI.create(session.playlistUrl());
        Playlist last = read(http, url);
        while (!(last.ended() && last.segments().size() >= acknowledged) && System.nanoTime() < deadlineNanos) {
            LoadRun.pause(Duration.ofSeconds(1));
            last = read(http, url);
        }
        return new SessionCheck(session.sessionId(), acknowledged, last.segments(), last.ended());
    }

    static Playlist read(HttpClient http, URI url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return new Playlist(response.statusCode(), List.of(), false);
            }
            return new Playlist(200, PlaybackHarness.segmentUris(response.body()),
                    response.body().contains("#EXT-X-ENDLIST"));
        } catch (Exception e) {
            return new Playlist(0, List.of(), false);
        }
    }

    /** Acknowledged chunks without a listed segment. */
    int lost() {
        return Math.max(0, acknowledged - segments.size());
    }

    /** Segments listed as seg_00000.ts, seg_00001.ts … with nothing skipped or out of order. */
    boolean contiguous() {
        return IntStream.range(0, segments.size())
                .allMatch(i -> segments.get(i).equals(PlaylistRenderer.segmentName(i)));
    }

    /** Complete: ended, exactly the acknowledged chunks listed, in order. */
    boolean complete() {
        return ended && segments.size() == acknowledged && contiguous();
    }
}
