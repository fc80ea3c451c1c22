package io.stereospot.app.gui.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.app.gui.settings.AppSettings;
import io.stereospot.app.gui.settings.DepthChoice;
import io.stereospot.app.gui.settings.SettingsStore;
import io.stereospot.capture.CaptureSettings;
import io.stereospot.capture.Resolution;
import io.stereospot.capture.ffmpeg.VideoEncoder;
import io.stereospot.capture.source.CaptureSource;
import io.stereospot.media.testenv.Await;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamInputsTest {

    private static final CaptureSource PLAYER = new CaptureSource.Window(0x1e00003L, "Film player", 1280, 720);

    @TempDir
    Path dir;

    @Test
    void aFirstRunStartsFromTheDefaultsInLocalMode() {
        StreamInputs inputs = new StreamInputs(new SettingsStore(dir.resolve("settings.properties")));
        AppSettings defaults = AppSettings.defaults();

        assertThat(inputs.resolutionProperty().get()).isEqualTo(defaults.resolution());
        assertThat(inputs.systemAudioProperty().get()).isEqualTo(defaults.systemAudio());
        assertThat(inputs.sourceIdProperty().get()).isEmpty();
        assertThat(inputs.localModeProperty().get()).isTrue();
        assertThat(inputs.remoteServerUrl()).isEmpty();
        assertThat(inputs.serverUrlProblem()).isEmpty();
    }

    @Test
    void everyChangeIsSavedAndReadBackByTheNextRun() {
        SettingsStore store = new SettingsStore(dir.resolve("settings.properties"));
        StreamInputs first = new StreamInputs(store);
        first.sourceIdProperty().set(PLAYER.id());
        first.systemAudioProperty().set(false);
        first.microphoneProperty().set(true);
        first.resolutionProperty().set(Resolution.P1080);
        first.serverUrlProperty().set("  http://streams.example:8470 ");
        first.lanAccessProperty().set(true);
        first.flush();

        assertThat(store.load()).isEqualTo(new AppSettings(PLAYER.id(), false, true, Resolution.P1080, "sbs",
                "http://streams.example:8470", true));
        StreamInputs next = new StreamInputs(store);
        assertThat(next.sourceIdProperty().get()).isEqualTo(PLAYER.id());
        assertThat(next.microphoneProperty().get()).isTrue();
        assertThat(next.resolutionProperty().get()).isEqualTo(Resolution.P1080);
        assertThat(next.localModeProperty().get()).isFalse();
        assertThat(next.remoteServerUrl()).isEqualTo("http://streams.example:8470");
    }

    @Test
    void theDepthSettingsStartAtTheirDefaultsAndAreSavedAndReadBack() {
        SettingsStore store = new SettingsStore(dir.resolve("settings.properties"));
        StreamInputs first = new StreamInputs(store);
        assertThat(first.depthChoice()).as("a first run: 3D on, 2 %, 0.5, the public model")
                .isEqualTo(new DepthChoice(true, 2.0, 0.5, ""));

        first.depthOnProperty().set(false);
        first.depthStrengthPercentProperty().set(3.5);
        first.depthConvergenceProperty().set(0.25);
        first.depthModelFileProperty().set(" /models/my-depth.onnx ");
        first.flush();

        DepthChoice expected = new DepthChoice(false, 3.5, 0.25, "/models/my-depth.onnx");
        assertThat(store.load().depth()).isEqualTo(expected);
        StreamInputs next = new StreamInputs(store);
        assertThat(next.depthChoice()).isEqualTo(expected);
        assertThat(next.depthOnProperty().get()).isFalse();
        assertThat(next.depthStrengthPercentProperty().get()).isEqualTo(3.5);
    }

    @Test
    void typingAServerUrlWritesNothingUntilTheTypingPausesThenTheWholeUrl() {
        Path file = dir.resolve("settings.properties");
        SettingsStore store = new SettingsStore(file);
        StreamInputs inputs = new StreamInputs(store, Duration.ofMinutes(1));
        String url = "http://streams.example:8470";

        for (int typed = 1; typed <= url.length(); typed++) {
            inputs.serverUrlProperty().set(url.substring(0, typed));
        }
        assertThat(file).as("no write while the typing goes on").doesNotExist();

        inputs.flush();
        assertThat(store.load().serverUrl()).isEqualTo(url);
    }

    @Test
    void theLastChangeIsWrittenOnceTheyPause() {
        SettingsStore store = new SettingsStore(dir.resolve("settings.properties"));
        StreamInputs inputs = new StreamInputs(store, Duration.ofMillis(50));

        inputs.serverUrlProperty().set("http://a.example:8470");
        inputs.serverUrlProperty().set("http://b.example:8470");

        Await.until(() -> "http://b.example:8470".equals(store.load().serverUrl()), Duration.ofSeconds(10),
                "the last URL written");
    }

    @Test
    void localModeFollowsTheServerUrl() {
        StreamInputs inputs = new StreamInputs(new SettingsStore(dir.resolve("settings.properties")));
        inputs.serverUrlProperty().set("http://192.168.1.20:8470");
        assertThat(inputs.localModeProperty().get()).isFalse();
        inputs.serverUrlProperty().set("");
        assertThat(inputs.localModeProperty().get()).isTrue();
        inputs.serverUrlProperty().set("192.168.1.20");
        assertThat(inputs.serverUrlProblem()).hasValueSatisfying(s -> s.startsWith("The server URL '192.168.1.20'"));
    }

    @Test
    void theCaptureSettingsCarryTheInputs() {
        StreamInputs inputs = new StreamInputs(new SettingsStore(dir.resolve("settings.properties")));
        inputs.systemAudioProperty().set(false);
        inputs.microphoneProperty().set(true);
        inputs.resolutionProperty().set(Resolution.P1080);

        assertThat(inputs.toCaptureSettings(PLAYER)).isEqualTo(new CaptureSettings(PLAYER, Resolution.P1080, false,
                true, CaptureSettings.DEFAULT_FPS, CaptureSettings.DEFAULT_CHUNK_DURATION_MS, null, "sbs", null));
        assertThat(inputs.encoderProperty().get()).as("the default").isEqualTo("auto");
        assertThat(inputs.toCaptureSettings(PLAYER).encoder()).as("auto").isNull();
        inputs.encoderProperty().set("nvenc");
        assertThat(inputs.toCaptureSettings(PLAYER).encoder()).isEqualTo(VideoEncoder.NVENC);
    }

    @Test
    void anUnwritableSettingsFileDoesNotStopTheWindow() {
        // The settings "file" sits under a regular file, so it can never be written.
        Path blocked = dir.resolve("settings.properties");
        StreamInputs inputs = new StreamInputs(new SettingsStore(blocked.resolve("inside/settings.properties")));
        new SettingsStore(blocked).save(AppSettings.defaults());

        inputs.microphoneProperty().set(true);
        inputs.close();
        assertThat(inputs.microphoneProperty().get()).isTrue();
    }
}
