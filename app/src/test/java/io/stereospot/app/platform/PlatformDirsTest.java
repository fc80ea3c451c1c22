package io.stereospot.app.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.app.platform.PlatformDirs.Os;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformDirsTest {

    private static final Path HOME = Path.of("/home/ann");

    @Test
    void linuxFollowsXdgAndIgnoresRelativeOrEmptyVariables() {
        PlatformDirs xdg = new PlatformDirs(Os.LINUX, Map.of("XDG_CONFIG_HOME", "/x/conf", "XDG_DATA_HOME", "/x/data",
                "XDG_STATE_HOME", "/x/state"), HOME);
        assertThat(xdg.settingsFile()).isEqualTo(Path.of("/x/conf/stereospot/settings.properties"));
        assertThat(xdg.data()).isEqualTo(Path.of("/x/data/stereospot"));
        assertThat(xdg.logs()).isEqualTo(Path.of("/x/state/stereospot"));

        PlatformDirs defaults = new PlatformDirs(Os.LINUX, Map.of(), HOME);
        assertThat(defaults.settingsFile()).isEqualTo(Path.of("/home/ann/.config/stereospot/settings.properties"));
        assertThat(defaults.data()).isEqualTo(Path.of("/home/ann/.local/share/stereospot"));
        assertThat(defaults.logs()).isEqualTo(Path.of("/home/ann/.local/state/stereospot"));

        // The XDG spec says to ignore a relative XDG_*_HOME.
        PlatformDirs relative = new PlatformDirs(Os.LINUX, Map.of("XDG_CONFIG_HOME", "conf", "XDG_DATA_HOME", "data",
                "XDG_STATE_HOME", " "), HOME);
        assertThat(relative.settingsFile()).isEqualTo(defaults.settingsFile());
        assertThat(relative.data()).isEqualTo(defaults.data());
        assertThat(relative.logs()).isEqualTo(defaults.logs());
    }

    @Test
    void windowsUsesLocalAppDataForLogsAndDataAndRoamingAppDataForSettings() {
        PlatformDirs windows = new PlatformDirs(Os.WINDOWS, Map.of("LOCALAPPDATA", "/C/Users/ann/AppData/Local",
                "APPDATA", "/C/Users/ann/AppData/Roaming"), HOME);
        assertThat(windows.logs()).isEqualTo(Path.of("/C/Users/ann/AppData/Local/StereoSpot/logs"));
        assertThat(windows.data()).isEqualTo(Path.of("/C/Users/ann/AppData/Local/StereoSpot"));
        assertThat(windows.settingsFile()).isEqualTo(Path.of("/C/Users/ann/AppData/Roaming/StereoSpot/settings.properties"));
        assertThat(new PlatformDirs(Os.WINDOWS, Map.of(), HOME).logs())
                .as("without LOCALAPPDATA: the folder Windows would have put there")
                .isEqualTo(HOME.resolve("AppData/Local/StereoSpot/logs"));
    }

    @Test
    void macOsUsesLibrary() {
        PlatformDirs mac = new PlatformDirs(Os.MACOS, Map.of("XDG_DATA_HOME", "/x/data"), HOME);
        assertThat(mac.logs()).isEqualTo(Path.of("/home/ann/Library/Logs/StereoSpot"));
        assertThat(mac.data()).isEqualTo(Path.of("/home/ann/Library/Application Support/StereoSpot"));
        assertThat(mac.settingsFile())
                .isEqualTo(Path.of("/home/ann/Library/Application Support/StereoSpot/settings.properties"));
    }

    @Test
    void osNames() {
        assertThat(Os.named("Linux")).isEqualTo(Os.LINUX);
        assertThat(Os.named("Windows 11")).isEqualTo(Os.WINDOWS);
        assertThat(Os.named("Mac OS X")).isEqualTo(Os.MACOS);
        assertThat(Os.named("FreeBSD")).isEqualTo(Os.LINUX);
    }
}
