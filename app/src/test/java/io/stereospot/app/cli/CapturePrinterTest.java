package io.stereospot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.contract.SessionStatus;
import io.stereospot.contract.StreamSession;
import io.stereospot.contract.UploadGrant;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@code ./stereospot capture} prints while the server is away (a line per chunk that joins the wait), and of
 * the server's conversion status (each chunk shown flat, once).
 */
class CapturePrinterTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CapturePrinter printer = new CapturePrinter(
            writer(out), writer(err));

    private static PrintWriter writer(ByteArrayOutputStream bytes) {
        return new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), true);
    }

    @Test
    void theWatchPageIsPrintedBesideThePlaylistOnItsOrigin() {
        String id = "dc81e57f-62a8-4d0b-ac94-7e4c5cd97851";
        printer.sessionStarted(new StreamSession(id, "http://[fd00::7]:8470/stream/" + id + "/playlist.m3u8",
                new UploadGrant("AKIA", "secret", "token", "stereospot", "us-east-1", "http://[fd00::7]:8470/s3",
                        "stream_input/" + id + "/", "2099-01-01T00:00:00Z"), null));

        assertThat(out.toString(StandardCharsets.UTF_8).lines().limit(2)).containsExactly(
                "Playlist: http://[fd00::7]:8470/stream/" + id + "/playlist.m3u8",
                "Watch page: http://[fd00::7]:8470/watch/" + id);
    }

    @Test
    void theWatchPageIsPrintedOnTheServersHttpsOriginWhenItHasOne() {
        String id = "dc81e57f-62a8-4d0b-ac94-7e4c5cd97851";
        printer.sessionStarted(new StreamSession(id, "http://192.168.1.20:8470/stream/" + id + "/playlist.m3u8",
                new UploadGrant("AKIA", "secret", "token", "stereospot", "us-east-1", "http://192.168.1.20:8471",
                        "stream_input/" + id + "/", "2099-01-01T00:00:00Z"), null, "https://192.168.1.20:8474"));

        assertThat(out.toString(StandardCharsets.UTF_8).lines().limit(2)).containsExactly(
                "Playlist: http://192.168.1.20:8470/stream/" + id + "/playlist.m3u8",
                "Watch page: https://192.168.1.20:8474/watch/" + id);
    }

    @Test
    void anOutageIsALinePerWaitingChunkAndItsEndOneMore() {
        // The engine reports once a second; the count changes about once a chunk.
        printer.uploadsWaiting(Duration.ofSeconds(1), 1);
        printer.uploadsWaiting(Duration.ofSeconds(2), 1);
        printer.uploadsWaiting(Duration.ofSeconds(3), 2);
        printer.uploadsWaiting(Duration.ofSeconds(4), 2);
        printer.uploadsRecovered(Duration.ofSeconds(35), 7);
        printer.uploadsWaiting(Duration.ofSeconds(1), 1);

        assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "Server unreachable: 1 s, 1 chunk waiting",
                "Server unreachable: 3 s, 2 chunks waiting",
                "Server unreachable: 1 s, 1 chunk waiting");
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "Server reachable again after 35 s: uploading 7 waiting chunks.");
    }

    @Test
    void qualityAutoSaysWhatItChoseAndAnOverloadIsAWarning() {
        printer.qualityChosen("Quality Auto chose 720p at 30 frames a second, the best this computer keeps smooth.");
        printer.warning("This computer cannot keep up with 1080p at 30 frames a second: 9.0 % of the frames were"
                + " dropped or repeated in the last 10 s, so viewers see stutter.");

        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "Quality Auto chose 720p at 30 frames a second, the best this computer keeps smooth.");
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "Warning: This computer cannot keep up with 1080p at 30 frames a second: 9.0 % of the frames were"
                        + " dropped or repeated in the last 10 s, so viewers see stutter.");
    }

    @Test
    void eachChunkShownFlatIsSaidOnce() {
        printer.conversionStatus(status(List.of()));
        printer.conversionStatus(status(List.of(12)));
        printer.conversionStatus(status(List.of(12)));
        printer.conversionStatus(status(List.of(12, 15)));

        assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "Warning: 3D conversion failed for chunk 12; it is shown flat.",
                "Warning: 3D conversion failed for chunk 15; it is shown flat.");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private static SessionStatus status(List<Integer> flat) {
        return new SessionStatus("id", SessionStatus.LIVE, 16, 16, 0, 0, flat, flat.isEmpty() ? null : "exit 1");
    }
}
