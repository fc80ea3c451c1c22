package io.stereospot.app.gui;

import static io.stereospot.app.gui.WindowFixture.UI_TIMEOUT;
import static io.stereospot.app.gui.WindowFixture.onFx;
import static io.stereospot.app.gui.WindowFixture.text;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The whole flow in the real window, in local mode: pick a window, Start, chunk 2, the URL shown and copied,
 * Stop, and the server's own record says the session ended.
 */
@ExtendWith(ApplicationExtension.class)
class StreamingWindowTest {

    private static final Pattern PLAYLIST = Pattern.compile(
            "http://127\\.0\\.0\\.1:\\d+/stream/([0-9a-f-]{36})/playlist\\.m3u8");
    private static final Pattern STREAMING = Pattern.compile("Streaming… chunk (\\d+)");

    @TempDir
    static Path dir;
    private static WindowFixture fixture;

    private final MutableClock clock = new MutableClock();
    private StereoSpotWindow window;

    @BeforeAll
    static void desktop() {
        fixture = WindowFixture.start(dir);
    }

    @AfterAll
    static void endDesktop() {
        fixture.close();
    }

    @Start
    void open(Stage stage) {
        Platform.setImplicitExit(false);
        window = StereoSpotWindow.open(stage, fixture.environment(dir.resolve("home"), clock));
    }

    @AfterEach
    void close() throws Exception {
        window.close().get(60, TimeUnit.SECONDS);
    }

    @Test
    void streamsAWindowShowsAndCopiesTheUrlAndEndsTheSessionOnStop(FxRobot robot) throws Exception {
        ToggleButton tile = WindowFixture.tile(robot, WindowFixture.MOVING_WINDOW);
        robot.clickOn(tile);
        assertThat(onFx(tile::isSelected)).isTrue();

        robot.clickOn("#start");
        Await.until(() -> window.model().chunksUploadedProperty().get() >= 2, Duration.ofSeconds(120),
                "chunk 2 to be uploaded");
        Matcher status = STREAMING.matcher(text(robot, "#status"));
        assertThat(status.matches()).as("status line '%s'", text(robot, "#status")).isTrue();
        assertThat(Integer.parseInt(status.group(1))).isGreaterThanOrEqualTo(2);
        assertThat(text(robot, "#health")).startsWith("Uploads healthy");

        String url = text(robot, "#playlist-url");
        Matcher playlist = PLAYLIST.matcher(url);
        assertThat(playlist.matches()).as("playlist URL '%s'", url).isTrue();
        assertThat(text(robot, "#potplayer-hint")).isEqualTo("Paste this URL in PotPlayer → 3D SBS");
        WindowFixture.snapshot(window.stage(), Path.of("target", "ui-screenshots", "streaming-window.png"));

        robot.clickOn("#copy");
        assertThat(onFx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(url);

        robot.clickOn("#stop");
        Await.until(() -> onFx(() -> window.model().phaseProperty().get()) == StreamPhase.IDLE,
                Duration.ofSeconds(60), "the broadcast to stop");
        assertThat(WindowFixture.disabled(robot, "#start")).isFalse();
        assertThat(text(robot, "#playlist-url")).as("the URL stays after Stop").isEqualTo(url);
        assertThat(text(robot, "#status")).startsWith("Stopped after");

        String sessionId = playlist.group(1);
        StreamServer server = window.localServer().orElseThrow();
        JsonNode record = new ObjectMapper().readTree(server.adminS3().getObjectAsBytes(
                r -> r.bucket(server.bucket()).key("stream_sessions/" + sessionId + ".json")).asByteArray());
        assertThat(record.path("ended_at").isTextual()).as("session record %s", record).isTrue();

        List<String> chunks = server.adminS3().listObjectsV2(r -> r.bucket(server.bucket())
                .prefix("stream_input/" + sessionId + "/")).contents().stream().map(S3Object::key).sorted()
                .collect(Collectors.toList());
        assertThat(chunks).hasSizeGreaterThanOrEqualTo(2);
        assertThat(chunks.get(0)).endsWith("chunk_00000.mp4");
        assertThat(chunks.get(1)).endsWith("chunk_00001.mp4");
    }

    @Test
    void saysTenMinutesBeforeTheHourIsUp(FxRobot robot) {
        robot.clickOn(WindowFixture.tile(robot, WindowFixture.MOVING_WINDOW));
        robot.clickOn("#start");
        Await.until(() -> onFx(() -> window.model().phaseProperty().get()) == StreamPhase.STREAMING
                && !window.model().playlistUrlProperty().get().isEmpty(), UI_TIMEOUT, "streaming to begin");
        assertThat(WindowFixture.visible(robot, "#banner")).isFalse();

        clock.advance(Duration.ofMinutes(50).plusSeconds(5));
        Await.until(() -> WindowFixture.visible(robot, "#banner"), Duration.ofSeconds(10), "the banner");
        assertThat(text(robot, "#banner-text")).isEqualTo("Streams stop after 60 minutes: 10 minutes left");
    }

    @Test
    void closingTheWindowWhileStreamingUploadsTheLastChunkAndEndsTheSession(FxRobot robot) throws Exception {
        robot.clickOn(WindowFixture.tile(robot, WindowFixture.MOVING_WINDOW));
        robot.clickOn("#start");
        Await.until(() -> window.model().chunksUploadedProperty().get() >= 1, Duration.ofSeconds(120),
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
        Path bucket = dir.resolve("home/data/store/stereospot");
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
    void closingTheCapturedWindowStopsWithASentenceAndAllowsANewStart(FxRobot robot) {
        long doomed = fixture.desktop().openMovingWindow("Short-lived window", 700, 40, 320, 240);
        robot.clickOn("#refresh");
        robot.clickOn(WindowFixture.tile(robot, "Short-lived window"));
        robot.clickOn("#start");
        Await.until(() -> window.model().chunksUploadedProperty().get() >= 1, Duration.ofSeconds(120),
                "chunk 1 to be uploaded");

        fixture.desktop().closeWindow(doomed);
        Await.until(() -> WindowFixture.visible(robot, "#banner"), Duration.ofSeconds(60), "the banner");
        assertThat(text(robot, "#banner-text")).contains("\"Short-lived window\" was closed or hidden");
        Await.until(() -> !WindowFixture.disabled(robot, "#start"), UI_TIMEOUT, "Start to be enabled again");
        assertThat(text(robot, "#playlist-url")).as("the URL of what was streamed stays").isNotEmpty();
    }

    @Test
    void stopPressedWhileStartingStopsItAndAllowsANewStart(FxRobot robot) {
        robot.clickOn(WindowFixture.tile(robot, WindowFixture.MOVING_WINDOW));
        robot.interact(() -> {
            window.model().startStreaming();
            window.model().stopStreaming();
        });
        assertThat(onFx(() -> window.model().phaseProperty().get())).isEqualTo(StreamPhase.STOPPING);
        Await.until(() -> onFx(() -> window.model().phaseProperty().get()) == StreamPhase.IDLE,
                Duration.ofSeconds(60), "the broadcast to stop");
        assertThat(WindowFixture.disabled(robot, "#start")).isFalse();
    }
}
