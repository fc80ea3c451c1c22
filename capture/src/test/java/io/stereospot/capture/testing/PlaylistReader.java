package io.stereospot.capture.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A session's live playlist as a player reads it: its text, and the segment indices it lists. */
public final class PlaylistReader {

    private static final Pattern SEGMENT_LINE = Pattern.compile("(?m)^seg_(\\d{5})\\.ts$");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PlaylistReader() {
    }

    /**
     * The playlist's text, or empty while the server does not answer 200. Asked for segment 0
     * ({@code _HLS_msn=0}), so once that is listed the answer is the playlist as it is now: a plain read would be
     * held while a stored chunk is being converted (the server's {@code ReloadRule}), up to one segment.
     */
    public static String text(URI url) {
        URI now = url.getQuery() == null ? URI.create(url + "?_HLS_msn=0") : url;
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(now).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The indices of the {@code seg_NNNNN.ts} lines, in playlist order. */
    public static List<Integer> indices(String playlist) {
        List<Integer> indices = new ArrayList<>();
        Matcher m = SEGMENT_LINE.matcher(playlist);
        while (m.find()) {
            indices.add(Integer.parseInt(m.group(1)));
        }
        return indices;
    }
}
