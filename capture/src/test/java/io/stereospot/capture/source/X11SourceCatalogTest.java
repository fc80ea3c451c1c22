package io.stereospot.capture.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stereospot.media.testenv.TestDesktop;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class X11SourceCatalogTest {

    @Test
    void listsScreensWindowsAndAudioOfARealDisplayAndTakesThumbnails(@TempDir Path dir) throws Exception {
        try (TestDesktop desktop = TestDesktop.start(dir, 1280, 720)) {
            long id = desktop.openMovingWindow("Picker test – ünïcode", 40, 30, 400, 300);
            X11SourceCatalog catalog = new X11SourceCatalog(desktop.environment());

            List<CaptureSource> video = catalog.videoSources();
            assertThat(video.get(0)).isEqualTo(new CaptureSource.Screen(0, 0, 0, 1280, 720));
            CaptureSource.Window window = (CaptureSource.Window) catalog.find("window:0x" + Long.toHexString(id))
                    .orElseThrow(() -> new AssertionError("not listed: " + video));
            assertThat(window.title()).isEqualTo("Picker test – ünïcode");
            assertThat(window.width()).isBetween(380, 420);
            assertThat(catalog.isAvailable(window)).isTrue();

            assertThat(catalog.audioSources()).containsExactly(
                    AudioSource.system("System audio (what you hear)", desktop.sink() + ".monitor"));
            assertThat(catalog.platformWarning()).isEmpty();
            assertThat(catalog.captureProblem(video.get(0))).isEmpty();

            BufferedImage screenThumb = ImageIO.read(new ByteArrayInputStream(catalog.thumbnailPng(video.get(0), 320)));
            assertThat(screenThumb.getWidth()).isEqualTo(320);
            assertThat(screenThumb.getHeight()).isEqualTo(180);
            BufferedImage windowThumb = ImageIO.read(new ByteArrayInputStream(catalog.thumbnailPng(window, 160)));
            assertThat(windowThumb.getWidth()).isEqualTo(160);

            desktop.unmapWindow(id);
            io.stereospot.media.testenv.Await.until(() -> !catalog.isAvailable(window),
                    java.time.Duration.ofSeconds(5), "the hidden window to be unavailable");
            assertThat(catalog.find(window.id())).as("hidden windows are not listed").isEmpty();
            desktop.closeWindow(id);
            assertThatThrownBy(() -> catalog.thumbnailPng(window, 160))
                    .isInstanceOf(SourceUnavailableException.class)
                    .hasMessageStartingWith("Could not take a picture of Window: Picker test");
        }
    }

    @Test
    void waylandIsSaidPlainlyAndAScreenThereIsRefused() {
        Map<String, String> env = new HashMap<>();
        env.put("DISPLAY", ":0");
        env.put("WAYLAND_DISPLAY", "wayland-0");
        env.put("XDG_SESSION_TYPE", "wayland");
        X11SourceCatalog catalog = new X11SourceCatalog(env);
        assertThat(catalog.platformWarning()).hasValueSatisfying(w -> assertThat(w)
                .startsWith("This is a Wayland session: StereoSpot can only capture windows of X11 programs"));
        assertThat(catalog.captureProblem(new CaptureSource.Screen(0, 0, 0, 1920, 1080)))
                .hasValueSatisfying(p -> assertThat(p).contains("comes out black"));
        assertThat(catalog.captureProblem(new CaptureSource.Window(0x400001, "xterm", 400, 300))).isEmpty();
    }

    @Test
    void noDisplayIsSaidPlainly() {
        X11SourceCatalog catalog = new X11SourceCatalog(Map.of("PATH", "/usr/bin:/bin"));
        assertThat(catalog.platformWarning()).contains(
                "No X display (DISPLAY is not set): run StereoSpot inside your desktop session.");
        assertThatThrownBy(catalog::videoSources).isInstanceOf(SourceUnavailableException.class)
                .hasMessageContaining("DISPLAY is not set");
    }
}
