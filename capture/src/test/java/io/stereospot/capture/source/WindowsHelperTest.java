package io.stereospot.capture.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The helper's {@code list} lines as sources (the helper itself runs under Wine in WindowsUnderWineIntegrationTest). */
class WindowsHelperTest {

    @Test
    void screensAreNumberedInOrderAndWindowsKeepTheirHandleTitleAndSize() {
        String lines = """
                {"kind":"screen","handle":65537,"title":"\\\\\\\\.\\\\DISPLAY1","x":0,"y":0,"width":1920,"height":1080}
                {"kind":"screen","handle":65539,"title":"\\\\\\\\.\\\\DISPLAY2","x":1920,"y":0,"width":2560,"height":1440}
                {"kind":"window","handle":131140,"title":"Vid\u00e9o \\"3D\\" – Browser","x":10,"y":20,"width":301,"height":201}
                """;
        assertThat(WindowsHelper.parse(lines)).containsExactly(
                new CaptureSource.Screen(0, 0, 0, 1920, 1080),
                new CaptureSource.Screen(1, 1920, 0, 2560, 1440),
                new CaptureSource.Window(131140, "Vidéo \"3D\" – Browser", 301, 201));
    }

    @Test
    void tinyWindowsAndLinesThatAreNotOursAreSkipped() {
        String lines = """
                fixme:some wine chatter
                {"kind":"window","handle":7,"title":"Tooltip","x":0,"y":0,"width":20,"height":300}
                {"kind":"printer","handle":8}

                {"kind":"window","handle":9,"title":"Player","x":-8,"y":-8,"width":1296,"height":736}
                """;
        assertThat(WindowsHelper.parse(lines)).containsExactly(new CaptureSource.Window(9, "Player", 1296, 736));
    }
}
