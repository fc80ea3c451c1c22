package io.stereospot.app.gui.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.capture.source.CaptureSource;
import org.junit.jupiter.api.Test;

/** What a tile says for each kind of source; a portal source's size is known only once shared. */
class SourceChoiceTest {

    @Test
    void eachKindOfSourceReadsAsAPersonRecognisesIt() {
        SourceChoice screen = new SourceChoice(new CaptureSource.Screen(1, 1920, 0, 2560, 1440));
        assertThat(screen.title()).isEqualTo("Entire screen 2");
        assertThat(screen.detail()).isEqualTo("Screen · 2560×1440");
        SourceChoice portal = new SourceChoice(CaptureSource.Portal.SCREEN);
        assertThat(portal.title()).isEqualTo("Entire screen");
        assertThat(portal.detail()).isEqualTo("Chosen in the system's sharing dialog");
        assertThat(new SourceChoice(CaptureSource.Portal.WINDOW).title()).isEqualTo("A window");
    }
}
