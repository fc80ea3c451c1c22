package io.stereospot.app.gui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.capture.Resolution;
import io.stereospot.media.testenv.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SettingsWriterTest {

    private final List<AppSettings> written = new CopyOnWriteArrayList<>();
    private final List<String> writingThreads = new CopyOnWriteArrayList<>();

    private void save(AppSettings settings) {
        written.add(settings);
        writingThreads.add(Thread.currentThread().getName());
    }

    private static AppSettings withServer(String url) {
        AppSettings d = AppSettings.defaults();
        return new AppSettings(d.sourceId(), d.systemAudio(), d.microphone(), Resolution.P720, d.mode(), url,
                d.lanAccess());
    }

    @Test
    void aUrlTypedInOneGoIsOneWriteOfTheWholeUrlOffTheCallersThread() {
        String url = "http://streams.example:8470";
        try (SettingsWriter writer = new SettingsWriter(this::save, Duration.ofSeconds(1))) {
            for (int typed = 1; typed <= url.length(); typed++) {
                writer.write(withServer(url.substring(0, typed)));
            }
            assertThat(written).as("nothing is written while the typing goes on").isEmpty();

            Await.until(() -> !written.isEmpty(), Duration.ofSeconds(10), "the write after the pause");
            writer.flush();
        }

        assertThat(written).containsExactly(withServer(url));
        assertThat(writingThreads).containsExactly("settings-writer")
                .doesNotContain(Thread.currentThread().getName());
    }

    @Test
    void closingWritesWhatIsPendingAtOnceAndLaterChangesAreNotWritten() {
        SettingsWriter writer = new SettingsWriter(this::save, Duration.ofMinutes(1));
        writer.write(withServer("http://a.example:8470"));

        writer.close();
        assertThat(written).containsExactly(withServer("http://a.example:8470"));

        writer.write(withServer("http://b.example:8470"));
        writer.flush();
        assertThat(written).containsExactly(withServer("http://a.example:8470"));
    }

    @Test
    void aFailedWriteDoesNotStopTheNextOne() {
        List<AppSettings> tried = new CopyOnWriteArrayList<>();
        try (SettingsWriter writer = new SettingsWriter(settings -> {
            tried.add(settings);
            if (tried.size() == 1) {
                throw new IllegalStateException("Could not save the settings: disk full");
            }
        }, Duration.ofMinutes(1))) {
            writer.write(withServer("http://a.example:8470"));
            writer.flush();
            writer.write(withServer("http://b.example:8470"));
            writer.flush();
        }

        assertThat(tried).containsExactly(withServer("http://a.example:8470"), withServer("http://b.example:8470"));
    }
}
