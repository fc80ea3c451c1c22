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
        assertThat(settings.resolution()).isEqualTo(Resolution.AUTO);
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
    void theDepthSettingsAreSavedAndLoaded() {
        SettingsStore store = new SettingsStore(dir.resolve("stereospot/settings.properties"));
        AppSettings saved = new AppSettings("screen:0", true, false, Resolution.P720, "sbs", "", false,
                new DepthChoice(false, 4.5, 0.75, "/home/me/depth.onnx"));
        store.save(saved);
        assertThat(new SettingsStore(store.file()).load()).isEqualTo(saved);
    }

    @Test
    void theEncoderIsSavedAndLoadedAndAnUnknownOneIsAuto() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("stereospot/settings.properties"));
        AppSettings saved = new AppSettings("screen:0", true, false, Resolution.P720, "sbs", "", false,
                DepthChoice.defaults(), "qsv");
        store.save(saved);
        assertThat(new SettingsStore(store.file()).load()).isEqualTo(saved);
        assertThat(Files.readString(store.file())).contains("encoder=qsv");

        Files.writeString(store.file(), "encoder=h265\n");
        assertThat(store.load().encoder()).isEqualTo("auto");
        Files.writeString(store.file(), "resolution=1080p\n");
        assertThat(store.load().encoder()).as("a file from before the encoder setting").isEqualTo("auto");
    }

    @Test
    void aFileFromBeforeTheDepthSettingsLoadsWithTheirDefaults() throws Exception {
        Path file = dir.resolve("settings.properties");
        Files.writeString(file, "audio.system=true\nresolution=1080p\nmode=sbs\nlocal.lan=true\n");
        AppSettings loaded = new SettingsStore(file).load();
        assertThat(loaded.resolution()).isEqualTo(Resolution.P1080);
        assertThat(loaded.lanAccess()).isTrue();
        assertThat(loaded.depth()).isEqualTo(DepthChoice.defaults());
        assertThat(loaded.depth().on()).isTrue();
        assertThat(loaded.depth().strengthPercent()).isEqualTo(2.0);
        assertThat(loaded.depth().convergence()).isEqualTo(0.5);
        assertThat(loaded.depth().modelFile()).isEmpty();
    }

    @Test
    void depthValuesOutsideTheWindowsRangesFallBackToTheDefaultsAndKeepTheRest() throws Exception {
        Path file = dir.resolve("settings.properties");
        Files.writeString(file, "depth.on=false\ndepth.strength=9\ndepth.convergence=x\ndepth.model=/m.onnx\n");
        assertThat(new SettingsStore(file).load().depth()).isEqualTo(new DepthChoice(false, 2.0, 0.5, "/m.onnx"));
    }

    @Test
    void aDamagedFileFallsBackToDefaultsValueByValue() throws Exception {
        Path file = dir.resolve("settings.properties");
        Files.writeString(file, "resolution=4k\naudio.microphone=true\nserver.url=  http://s:1  \n");
        AppSettings loaded = new SettingsStore(file).load();
        assertThat(loaded.resolution()).isEqualTo(Resolution.AUTO);
        assertThat(loaded.microphone()).isTrue();
        assertThat(loaded.serverUrl()).isEqualTo("http://s:1");
        assertThat(loaded.localMode()).isFalse();
    }
}
