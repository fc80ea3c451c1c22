package io.stereospot.capture.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Wayland catalog's pure parts: which catalog, the GStreamer command, the kept tokens, the portal source. */
class PortalPiecesTest {

    @Test
    void aWaylandSessionGetsThePortalCatalogAndX11KeepsItsOwn() {
        assertThat(SourceCatalogs.create(Platform.LINUX_X11, Map.of("WAYLAND_DISPLAY", "wayland-0", "DISPLAY", ":0")))
                .isInstanceOf(WaylandSourceCatalog.class);
        assertThat(SourceCatalogs.create(Platform.LINUX_X11, Map.of("XDG_SESSION_TYPE", "wayland")))
                .isInstanceOf(WaylandSourceCatalog.class);
        assertThat(SourceCatalogs.create(Platform.LINUX_X11, Map.of("DISPLAY", ":0")))
                .isInstanceOf(X11SourceCatalog.class);
    }

    @Test
    void withoutABusThereAreNoPortalSourcesAndTheWarningSaysWhatToInstall() {
        WaylandSourceCatalog catalog = new WaylandSourceCatalog(Map.of("WAYLAND_DISPLAY", "wayland-0"));
        assertThat(catalog.videoSources()).isEmpty();
        assertThat(catalog.platformWarning()).hasValueSatisfying(w -> assertThat(w)
                .contains("without the system's screen sharing portal", "xdg-desktop-portal"));
    }

    @Test
    void gstreamerReadsTheNodeAndWritesRawI420FramesOfTheBroadcastSizeIntoThePipe() {
        VideoFeed.RawInput input = new VideoFeed.RawInput(Path.of("/tmp/p/frames.yuv"), 1280, 720, 30);
        assertThat(String.join(" ", PipeWireFeed.command(42, input))).isEqualTo("gst-launch-1.0 -q pipewiresrc"
                + " path=42 do-timestamp=true keepalive-time=100 always-copy=true ! videorate !"
                + " video/x-raw,framerate=30/1 ! videoconvert ! videoscale add-borders=true !"
                + " video/x-raw,format=I420,width=1280,height=720,pixel-aspect-ratio=1/1 !"
                + " filesink location=/tmp/p/frames.yuv sync=false");
    }

    @Test
    void tokensAreKeptPerKindAndForgottenWhenThePortalGivesNone(@TempDir Path dir) {
        RestoreTokens tokens = RestoreTokens.of(Map.of("XDG_CONFIG_HOME", dir.toString()));
        assertThat(tokens.load(CaptureSource.Portal.SCREEN)).isEmpty();
        tokens.save(CaptureSource.Portal.SCREEN, Optional.of("abc-123"));
        assertThat(tokens.load(CaptureSource.Portal.SCREEN)).contains("abc-123");
        assertThat(tokens.load(CaptureSource.Portal.WINDOW)).isEmpty();
        assertThat(tokens.file(CaptureSource.Portal.SCREEN)).isEqualTo(dir.resolve(
                "stereospot/screencast-screen.token"));
        tokens.save(CaptureSource.Portal.SCREEN, Optional.empty());
        assertThat(tokens.load(CaptureSource.Portal.SCREEN)).isEmpty();
        assertThat(RestoreTokens.of(Map.of("HOME", "/home/ann")).file(CaptureSource.Portal.WINDOW))
                .isEqualTo(Path.of("/home/ann/.config/stereospot/screencast-window.token"));
    }

    @Test
    void portalSourcesSayThatTheSystemsDialogChooses() {
        assertThat(CaptureSource.Portal.SCREEN.id()).isEqualTo("portal:screen");
        assertThat(CaptureSource.Portal.WINDOW.id()).isEqualTo("portal:window");
        assertThat(List.of(CaptureSource.Portal.SCREEN.label(), CaptureSource.Portal.WINDOW.label())).containsExactly(
                "Entire screen (chosen in the system's screen-sharing dialog)",
                "A window (chosen in the system's screen-sharing dialog)");
    }
}
