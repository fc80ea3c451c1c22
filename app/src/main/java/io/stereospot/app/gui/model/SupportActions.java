package io.stereospot.app.gui.model;

import io.stereospot.app.platform.Diagnostics;
import io.stereospot.app.platform.FolderOpener;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a person needs to report a problem: "Open log folder" and "Copy diagnostics" (the window's Help menu and
 * the error dialog). Both do their slow part in the background; what cannot be done becomes a banner sentence.
 */
public final class SupportActions {

    static final String COPIED = "Diagnostics copied: paste them into your report (they hold no password or key).";

    private final Path logFolder;
    private final FolderOpener opener;
    private final BackgroundWork work;
    private final Consumer<Banner> banners;
    private final Supplier<List<String>> sources;
    private final Supplier<List<String>> settings;
    private final Callable<String> ffmpegVersion;

    /**
     * @param sources       the sources' diagnostics lines, read on the FX thread
     * @param settings      the settings' diagnostics lines, read on the FX thread
     * @param ffmpegVersion what {@code ffmpeg -version} says first, called in the background
     */
    public SupportActions(Path logFolder, FolderOpener opener, Consumer<Banner> banners,
            Supplier<List<String>> sources, Supplier<List<String>> settings, Callable<String> ffmpegVersion) {
        this(logFolder, opener, new FxTasks(), banners, sources, settings, ffmpegVersion);
    }

    SupportActions(Path logFolder, FolderOpener opener, BackgroundWork work, Consumer<Banner> banners,
            Supplier<List<String>> sources, Supplier<List<String>> settings, Callable<String> ffmpegVersion) {
        this.logFolder = logFolder;
        this.opener = opener;
        this.work = work;
        this.banners = banners;
        this.sources = sources;
        this.settings = settings;
        this.ffmpegVersion = ffmpegVersion;
    }

    public Path logFolder() {
        return logFolder;
    }

    /** Opens the log folder in the file manager; a banner says where it is when it cannot. FX thread. */
    public void openLogFolder() {
        work.run(() -> opener.open(logFolder), problem -> problem.ifPresent(p -> banners.accept(Banner.warning(p))),
                e -> banners.accept(Banner.warning("Could not open the log folder " + logFolder + ": " + e.getMessage())));
    }

    /**
     * Builds the diagnostics (sources and settings as they are now) and hands the text to {@code clipboard} on
     * the FX thread, then says so in a banner. FX thread.
     */
    public void copyDiagnostics(Consumer<String> clipboard) {
        List<String> sourceLines = sources.get();
        List<String> settingLines = settings.get();
        work.run(() -> Diagnostics.report(ffmpegVersion.call(), logFolder, sourceLines, settingLines), text -> {
            clipboard.accept(text);
            banners.accept(Banner.info(COPIED));
        }, e -> banners.accept(Banner.warning("Could not gather the diagnostics: " + e.getMessage())));
    }

    /** The settings as diagnostics lines: no secret is among them, and the server URL loses any credentials. */
    static List<String> settingLines(StreamInputs inputs, Path settingsFile) {
        return List.of(
                "file: " + settingsFile,
                "resolution: " + inputs.resolutionProperty().get().label(),
                "mode: " + inputs.modeProperty().get(),
                "system audio: " + inputs.systemAudioProperty().get(),
                "microphone: " + inputs.microphoneProperty().get(),
                "server: " + (inputs.localModeProperty().get() ? "this computer (local mode)"
                        : Diagnostics.withoutCredentials(inputs.serverUrlProperty().get())),
                "open to the network: " + inputs.lanAccessProperty().get());
    }

    /** The sources as diagnostics lines: ids and sizes, not window titles (they can name private things). */
    static List<String> sourceLines(List<SourceChoice> choices, SourceChoice selected) {
        return choices.stream().map(c -> c.id() + "  " + c.detail() + (c == selected ? "  (chosen)" : "")).toList();
    }
}
