package io.stereospot.app.gui.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.app.gui.settings.SettingsStore;
import io.stereospot.app.platform.AppVersion;
import io.stereospot.app.platform.Diagnostics;
import io.stereospot.app.platform.FolderOpener;
import io.stereospot.capture.Resolution;
import io.stereospot.capture.source.CaptureSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Open log folder" and "Copy diagnostics", with real programs (the bundled FFmpeg, a missing opener). */
class SupportActionsTest {

    @TempDir
    Path dir;

    private final List<Banner> banners = new ArrayList<>();
    private final StepByStepWork work = new StepByStepWork();

    private SupportActions actions(FolderOpener opener, StreamInputs inputs) {
        List<SourceChoice> choices = List.of(new SourceChoice(new CaptureSource.Screen(0, 0, 0, 1920, 1080)),
                new SourceChoice(new CaptureSource.Window(0x1e00003L, "Bank statement - Mail", 1280, 720)));
        return new SupportActions(dir.resolve("logs"), opener, work, banners::add,
                () -> SupportActions.sourceLines(choices, choices.get(1)),
                () -> SupportActions.settingLines(inputs, dir.resolve("settings.properties")), Diagnostics::ffmpegVersion);
    }

    private StreamInputs inputs() {
        return new StreamInputs(new SettingsStore(dir.resolve("settings.properties")));
    }

    @Test
    void diagnosticsNameVersionOsJavaFfmpegSourcesAndSettingsButNoSecret() {
        StreamInputs inputs = inputs();
        inputs.resolutionProperty().set(Resolution.P1080);
        inputs.serverUrlProperty().set("https://ann:hunter2@stream.example.org:8470/base?token=s3cr3t");
        List<String> clipboard = new ArrayList<>();
        actions(new FolderOpener(List.of("true")), inputs).copyDiagnostics(clipboard::add);
        assertThat(clipboard).as("nothing before the background work ran").isEmpty();
        work.runAll();

        assertThat(clipboard).hasSize(1);
        String text = clipboard.get(0);
        assertThat(text).startsWith(AppVersion.nameAndVersion() + "\n")
                .contains("OS: " + System.getProperty("os.name"))
                .contains("Java: " + System.getProperty("java.version"))
                .containsPattern("FFmpeg: ffmpeg version \\S+")
                .contains("Log folder: " + dir.resolve("logs"))
                .contains("  screen:0  Screen · 1920×1080\n")
                .contains("  window:0x1e00003  Window · 1280×720  (chosen)\n")
                .contains("  resolution: 1080p\n")
                .contains("  server: https://stream.example.org:8470/base\n")
                .doesNotContain("hunter2").doesNotContain("s3cr3t").doesNotContain("ann:")
                .as("window titles can name private things").doesNotContain("Bank statement");
        assertThat(banners).containsExactly(Banner.info(SupportActions.COPIED));
    }

    @Test
    void aFolderThatCannotBeOpenedIsASentenceWithItsPlace() {
        actions(new FolderOpener(List.of("no-such-opener-" + ProcessHandle.current().pid())), inputs()).openLogFolder();
        work.runAll();
        assertThat(banners).singleElement().satisfies(b -> {
            assertThat(b.level()).isEqualTo(Banner.Level.WARNING);
            assertThat(b.text()).startsWith("Could not open the folder (").endsWith("It is " + dir.resolve("logs") + ".");
        });
        assertThat(dir.resolve("logs")).as("created, so there is something to open").isDirectory();

        banners.clear();
        actions(new FolderOpener(List.of("false")), inputs()).openLogFolder();
        work.runAll();
        assertThat(banners).singleElement().extracting(Banner::text).asString().contains("false ended with status 1");

        banners.clear();
        actions(new FolderOpener(List.of("true")), inputs()).openLogFolder();
        work.runAll();
        assertThat(banners).as("opened: nothing to say").isEmpty();
    }
}
