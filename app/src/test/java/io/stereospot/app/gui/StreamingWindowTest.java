package io.stereospot.app.gui;

import static io.stereospot.app.gui.WindowQueries.UI_TIMEOUT;
import static io.stereospot.app.gui.WindowQueries.onFx;
import static io.stereospot.app.gui.WindowQueries.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.app.gui.model.StreamPhase;
import io.stereospot.media.testenv.Await;
import io.stereospot.server.StreamServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.Clipboard;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The whole flow in the real window, in local mode: pick a window, Start, chunk 2, the URL shown and copied,
 * Stop, and the server's own record says the session ended.
 */
class StreamingWindowTest {

    private static final Pattern PLAYLIST = Pattern.compile(
            "http://127\\.0\\.0\\.1:\\d+/stream/([0-9a-f-]{36})/playlist\\.m3u8");
    private static final Pattern STREAMING = Pattern.compile("Streaming… chunk (\\d+)");

    @RegisterExtension
    static final WindowTestExtension windows = new WindowTestExtension();

    @Test
    void streamsAWindowShowsAndCopiesTheUrlAndEndsTheSessionOnStop(FxRobot robot) throws Exception {
        StereoSpotWindow window = windows.window();
        ToggleButton tile = WindowQueries.tile(robot, WindowTestExtension.MOVING_WINDOW);
        robot.clickOn(tile);
        assertThat(onFx(tile::isSelected)).isTrue();

        robot.clickOn("#start");
        Await.until(() -> onFx(() -> window.model().chunksUploadedProperty().get()) >= 2, Duration.ofSeconds(120),
                "chunk 2 to be uploaded");
        Matcher status = STREAMING.matcher(text(robot, "#status"));
        assertThat(status.matches()).as("status line '%s'", text(robot, "#status")).isTrue();
        assertThat(Integer.parseInt(status.group(1))).isGreaterThanOrEqualTo(2);
        // Once the server has listed a segment, the line starts with how far behind viewers are.
        assertThat(text(robot, "#health"))
                .matches("(Viewers about \\d+ s behind your screen · )?Uploads healthy: last chunk .*");

        String url = text(robot, "#playlist-url");
        Matcher playlist = PLAYLIST.matcher(url);
        assertThat(playlist.matches()).as("playlist URL '%s'", url).isTrue();
        assertThat(text(robot, "#potplayer-hint")).isEqualTo("Paste this URL in PotPlayer → 3D SBS");
        WindowQueries.snapshot(window.stage(), Path.of("target", "ui-screenshots", "streaming-window.png"));

        WindowQueries.scrollToEnd(robot);
        robot.clickOn("#copy");
        assertThat(onFx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(url);

        robot.clickOn("#stop");
        awaitIdle(window);
        assertThat(WindowQueries.disabled(robot, "#start")).isFalse();
        assertThat(text(robot, "#playlist-url")).as("the URL stays after Stop").isEqualTo(url);
        assertThat(text(robot, "#status")).startsWith("Stopped after");

        String sessionId = playlist.group(1);
        StreamServer server = window.localServer().orElseThrow();
        assertThat(sessionRecord(server, sessionId).path("ended_at").isTextual())
                .as("session record %s", sessionRecord(server, sessionId)).isTrue();
        List<String> chunks = chunkKeys(server, sessionId);
        assertThat(chunks).hasSizeGreaterThanOrEqualTo(2);
        assertThat(chunks.get(0)).endsWith("chunk_00000.mp4");
        assertThat(chunks.get(1)).endsWith("chunk_00001.mp4");
    }

    @Test
    void saysNothingAboutALimitWhileTheServerRenewsTheCredentials(FxRobot robot) {
        StereoSpotWindow window = windows.window();
        robot.clickOn(WindowQueries.tile(robot, WindowTestExtension.MOVING_WINDOW));
        robot.clickOn("#start");
        Await.until(() -> onFx(() -> window.model().phaseProperty().get() == StreamPhase.STREAMING
                && !window.model().playlistUrlProperty().get().isEmpty()), UI_TIMEOUT, "streaming to begin");
        assertThat(WindowQueries.visible(robot, "#banner")).isFalse();

        windows.clock().advance(Duration.ofMinutes(50).plusSeconds(5));
        Await.until(() -> onFx(() -> window.model().elapsedTextProperty().get().startsWith("50:")),
                Duration.ofSeconds(10), "a tick past the 50th minute");
        assertThat(WindowQueries.visible(robot, "#banner")).as("no limit announced").isFalse();
    }

    @Test
    void closingTheWindowWhileStreamingUploadsTheLastChunkAndEndsTheSession(FxRobot robot) throws Exception {
        StereoSpotWindow window = windows.window();
        robot.clickOn(WindowQueries.tile(robot, WindowTestExtension.MOVING_WINDOW));
        robot.clickOn("#start");
        Await.until(() -> onFx(() -> window.model().chunksUploadedProperty().get()) >= 1, Duration.ofSeconds(120),
                "chunk 1 to be uploaded");
        Matcher playlist = PLAYLIST.matcher(text(robot, "#playlist-url"));
        assertThat(playlist.matches()).isTrue();
        int uploadedBeforeClose = onFx(() -> window.model().chunksUploadedProperty().get());

        // What the window manager's close button does.
        robot.interact(() -> window.stage().fireEvent(
                new WindowEvent(window.stage(), WindowEvent.WINDOW_CLOSE_REQUEST)));
        window.close().get(60, TimeUnit.SECONDS);
        assertThat(onFx(() -> window.stage().isShowing())).isFalse();

        // The local server is gone with the window; its store is plain files (<dataDir>/store/<bucket>/<key>).
        Path bucket = windows.home().resolve("data/store/stereospot");
        String sessionId = playlist.group(1);
        JsonNode record = new ObjectMapper().readTree(
                bucket.resolve("stream_sessions/" + sessionId + ".json").toFile());
        assertThat(record.path("ended_at").isTextual()).as("session record %s", record).isTrue();
        try (var files = Files.list(bucket.resolve("stream_input/" + sessionId))) {
            assertThat(files.count()).as("the chunk being recorded at close was uploaded too")
                    .isGreaterThan(uploadedBeforeClose);
        }
    }

    @Test
    void closingTheCapturedWindowStopsWithASentenceAndAllowsANewStart(FxRobot robot) throws Exception {
        StereoSpotWindow window = windows.window();
        long doomed = windows.desktop().openMovingWindow("Short-lived window", 700, 40, 320, 240);
        WindowQueries.refresh(robot, window);
        robot.clickOn(WindowQueries.tile(robot, "Short-lived window"));
        robot.clickOn("#start");
        Await.until(() -> onFx(() -> window.model().chunksUploadedProperty().get()) >= 1, Duration.ofSeconds(120),
                "chunk 1 to be uploaded");

        windows.desktop().closeWindow(doomed);
        Await.until(() -> WindowQueries.visible(robot, "#banner"), Duration.ofSeconds(60), "the banner");
        assertThat(text(robot, "#banner-text")).contains("\"Short-lived window\" was closed or hidden");
        Await.until(() -> !WindowQueries.disabled(robot, "#start"), UI_TIMEOUT, "Start to be enabled again");
        String firstUrl = text(robot, "#playlist-url");
        assertThat(firstUrl).as("the URL of what was streamed stays").matches(PLAYLIST);

        // The closed window is gone from the list after a refresh; the moving one streams next.
        WindowQueries.refresh(robot, window);
        assertThat(onFx(() -> window.model().sources().stream().map(c -> c.title()).toList()))
                .doesNotContain("Short-lived window");
        robot.clickOn(WindowQueries.tile(robot, WindowTestExtension.MOVING_WINDOW));
        startsAgainWithANewSession(robot, window, firstUrl);
    }

    @Test
    void stopPressedWhileStartingStopsItAndAllowsANewStart(FxRobot robot) throws Exception {
        StereoSpotWindow window = windows.window();
        robot.clickOn(WindowQueries.tile(robot, WindowTestExtension.MOVING_WINDOW));
        // Read in the same FX event as the presses: a later read races the stop itself, which may be done by then.
        AtomicReference<StreamPhase> phaseAfterStop = new AtomicReference<>();
        robot.interact(() -> {
            window.model().startStreaming();
            window.model().stopStreaming();
            phaseAfterStop.set(window.model().phaseProperty().get());
        });
        assertThat(phaseAfterStop.get()).isEqualTo(StreamPhase.STOPPING);
        awaitIdle(window);
        assertThat(WindowQueries.disabled(robot, "#start")).isFalse();

        // Stopped before it was live, it may or may not have got a session; either way the next one is new.
        startsAgainWithANewSession(robot, window, text(robot, "#playlist-url"));
    }

    /** Start again: a second broadcast comes up with a session of its own and uploads a chunk; then Stop. */
    private static void startsAgainWithANewSession(FxRobot robot, StereoSpotWindow window, String previousUrl)
            throws Exception {
        robot.clickOn("#start");
        Await.until(() -> onFx(() -> {
            String url = window.model().playlistUrlProperty().get();
            return !url.isEmpty() && !url.equals(previousUrl) && window.model().chunksUploadedProperty().get() >= 1;
        }), Duration.ofSeconds(120), "a new session and its first chunk");
        assertThat(WindowQueries.disabled(robot, "#start")).as("one broadcast at a time").isTrue();
        assertThat(WindowQueries.visible(robot, "#banner")).as("the earlier problem is cleared").isFalse();
        Matcher playlist = PLAYLIST.matcher(text(robot, "#playlist-url"));
        assertThat(playlist.matches()).as("playlist URL '%s'", text(robot, "#playlist-url")).isTrue();

        robot.clickOn("#stop");
        awaitIdle(window);
        assertThat(text(robot, "#status")).startsWith("Stopped after");
        String sessionId = playlist.group(1);
        StreamServer server = window.localServer().orElseThrow();
        assertThat(sessionRecord(server, sessionId).path("ended_at").isTextual())
                .as("the second session is ended").isTrue();
        assertThat(chunkKeys(server, sessionId)).as("the second session's chunks").isNotEmpty()
                .first().asString().endsWith("chunk_00000.mp4");
    }

    private static void awaitIdle(StereoSpotWindow window) {
        Await.until(() -> onFx(() -> window.model().phaseProperty().get()) == StreamPhase.IDLE,
                Duration.ofSeconds(60), "the broadcast to stop");
    }

    private static JsonNode sessionRecord(StreamServer server, String sessionId) throws Exception {
        return new ObjectMapper().readTree(server.adminS3().getObjectAsBytes(
                r -> r.bucket(server.bucket()).key("stream_sessions/" + sessionId + ".json")).asByteArray());
    }

    private static List<String> chunkKeys(StreamServer server, String sessionId) {
        return server.adminS3().listObjectsV2(r -> r.bucket(server.bucket())
                .prefix("stream_input/" + sessionId + "/")).contents().stream().map(S3Object::key).sorted()
                .collect(Collectors.toList());
    }
}
