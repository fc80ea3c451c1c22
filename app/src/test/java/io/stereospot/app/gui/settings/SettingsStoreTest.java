package io.stereospot.app.gui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.capture.Resolution;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {

    @TempDir
    Path dir;

    @Test
    void aFirstRunGetsTheDefaults() {
        AppSettings settings = new SettingsStore(dir.resolve("none/settings.properties")).load();
        assertThat(settings).isEqualTo(AppSettings.defaults());
        assertThat(settings.localMode()).isTrue();
        assertThat(settings.lanAccess()).isFalse();
        assertThat(settings.resolution()).isEqualTo(Resolution.P720);
    }

    @Test
    void whatIsSavedIsLoaded() {
        SettingsStore store = new SettingsStore(dir.resolve("stereospot/settings.properties"));
        AppSettings saved = new AppSettings("window:0x1e00003", false, true, Resolution.P1080, "sbs",
                "http://192.168.1.20:8470", true);
        store.save(saved);
        assertThat(new SettingsStore(store.file()).load()).isEqualTo(saved);
    }

    @Test
    void aDamagedFileFallsBackToDefaultsValueByValue() throws Exception {
        Path file = dir.resolve("settings.properties");
        Files.writeString(file, "resolution=4k\naudio.microphone=true\nserver.url=  http://s:1  \n");
        AppSettings loaded = new SettingsStore(file).load();
        assertThat(loaded.resolution()).isEqualTo(Resolution.P720);
        assertThat(loaded.microphone()).isTrue();
        assertThat(loaded.serverUrl()).isEqualTo("http://s:1");
        assertThat(loaded.localMode()).isFalse();
    }
}
