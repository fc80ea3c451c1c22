package io.stereospot.capture.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.capture.Resolution;
import org.junit.jupiter.api.Test;
import org.assertj.core.api.Assertions;

class CaptureSourceTest {

    @Test
    void idsAreStableAndParseBack() {
        assertThat(new CaptureSource.Screen(1, 1920, 0, 1280, 1024).id()).isEqualTo("screen:1");
        CaptureSource.Window window = new CaptureSource.Window(0x1e00003L, "xterm", 484, 316);
        assertThat(window.id()).isEqualTo("window:0x1e00003");
        assertThat(CaptureSource.windowHandleOf(window.id())).contains(0x1e00003L);
        assertThat(CaptureSource.windowHandleOf("window:0X1E00003")).contains(0x1e00003L);
        assertThat(CaptureSource.windowHandleOf("window:zz")).isEmpty();
        assertThat(CaptureSource.windowHandleOf("screen:0")).isEmpty();
        assertThat(window.label()).isEqualTo("Window: xterm (484×316)");
    }

    @Test
    void resolutionsParseFromWhatPeopleType() {
        assertThat(Resolution.parse("720p")).isEqualTo(Resolution.P720);
        assertThat(Resolution.parse(" 1080P ")).isEqualTo(Resolution.P1080);
        Assertions.assertThatThrownBy(() -> Resolution.parse("4k"))
                .hasMessage("Resolution must be auto, 720p or 1080p, not '4k'.");
    }
}
