package io.stereospot.app.gui.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.app.gui.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's API key field: used for this run, never written to the settings file. */
class ApiKeyInputTest {

    @TempDir
    Path dir;

    @Test
    void theKeyIsKeptForThisRunOnlyAndNeverSaved() throws Exception {
        Path file = dir.resolve("settings.properties");
        SettingsStore store = new SettingsStore(file);
        StreamInputs first = new StreamInputs(store);
        assertThat(first.apiKey()).isEmpty();
        first.serverUrlProperty().set("http://streams.example:8470");
        first.apiKeyProperty().set("  studio-key-93c1a0  ");
        assertThat(first.apiKey()).isEqualTo("studio-key-93c1a0");
        first.flush();

        assertThat(Files.readString(file)).contains("streams.example").doesNotContain("studio-key-93c1a0");
        assertThat(new StreamInputs(store).apiKey()).isEmpty();
    }
}
