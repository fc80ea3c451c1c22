package io.stereospot.app.gui;

import static io.stereospot.app.gui.WindowQueries.onFx;
import static io.stereospot.app.gui.WindowQueries.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.contract.ObjectKeys;
import io.stereospot.media.testenv.Await;
import io.stereospot.server.StreamServer;
import io.stereospot.server.convert.StereoHalves;
import io.stereospot.server.testing.Frames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Issue 24's promise in the real window: Start with the settings of a first run gives a stream in 3D, not flat.
 * A window of dense random text is streamed; a segment the local server converted is decoded and its two halves
 * are block-matched: the disparity differs between the top and the bottom of the frame (a flat SBS segment has 0 px
 * everywhere). The tests cannot download the model, so the window says the depth is approximate, and why.
 */
class DefaultStreamDepthTest {

    private static final Pattern PLAYLIST = Pattern.compile(
            "http://127\\.0\\.0\\.1:\\d+/stream/([0-9a-f-]{36})/playlist\\.m3u8");
    private static final String TEXTURED = "Random text";

    @RegisterExtension
    static final WindowTestExtension windows = new WindowTestExtension();

    @Test
    void theDefaultLocalStreamHasDepthThatVariesAcrossTheFrame(FxRobot robot) throws Exception {
        StereoSpotWindow window = windows.window();
        // 16:9 like the 720p output, so the capture has no bars without texture; random text changes every frame.
        windows.desktop().openMovingWindow(TEXTURED, 600, 330, 624, 351,
                "while :; do head -c 900 /dev/urandom | base64 -w 104; done");
        WindowQueries.refresh(robot, window);
        robot.clickOn(WindowQueries.tile(robot, TEXTURED));
        robot.clickOn("#start");
        Await.until(() -> onFx(() -> window.model().chunksUploadedProperty().get()) >= 1, Duration.ofSeconds(120),
                "chunk 1 to be uploaded");

        Await.until(() -> text(robot, "#depth-source").startsWith("Depth: approximate (no model) · The depth model"
                + " is not downloaded"), Duration.ofSeconds(30), "the window to say why the depth is approximate");
        assertThat(text(robot, "#depth-source")).endsWith("The stream uses approximate depth.");
        WindowQueries.snapshot(window.stage(), Path.of("target", "ui-screenshots", "default-depth-window.png"));

        Matcher playlist = PLAYLIST.matcher(text(robot, "#playlist-url"));
        assertThat(playlist.matches()).as("playlist URL").isTrue();
        StreamServer server = window.localServer().orElseThrow();
        Path segment = windows.home().resolve("segment-0.mp4");
        String key = ObjectKeys.segment(playlist.group(1), 0);
        Await.until(() -> fetched(server, key, segment), Duration.ofSeconds(120), "segment 0 to be converted");

        int width = Integer.parseInt(Frames.probe(segment, "v:0", "width"));
        int height = Integer.parseInt(Frames.probe(segment, "v:0", "height"));
        StereoHalves halves = new StereoHalves(Frames.at(segment, 3.0, null, width, height, windows.home()));
        int view = halves.widthPx();
        double top = halves.medianDisparityPx(view * 15 / 100, height * 8 / 100, view * 85 / 100, height * 30 / 100);
        double middle = halves.medianDisparityPx(view * 15 / 100, height * 40 / 100, view * 85 / 100,
                height * 60 / 100);
        double bottom = halves.medianDisparityPx(view * 15 / 100, height * 70 / 100, view * 85 / 100,
                height * 92 / 100);
        double fullRangePx = 0.02 * view;
        System.out.printf("disparity: top %.2f px, middle %.2f px, bottom %.2f px (full range %.1f px)%n", top,
                middle, bottom, fullRangePx);
        assertThat(bottom - top).as("the bottom of the frame nearer than its top: depth, not flat")
                .isGreaterThan(0.15 * fullRangePx);
        assertThat(Math.max(top, Math.max(middle, bottom)) - Math.min(top, Math.min(middle, bottom)))
                .as("the disparity is not the same across the frame").isGreaterThan(1.0);
    }

    private static boolean fetched(StreamServer server, String key, Path target) {
        try {
            Files.deleteIfExists(target);
            server.adminS3().getObject(r -> r.bucket(server.bucket()).key(key), ResponseTransformer.toFile(target));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
