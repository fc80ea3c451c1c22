package io.stereospot.app.platform;

import io.stereospot.media.FfmpegBinaries;
import io.stereospot.media.process.ExternalProcess;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The text of "Copy diagnostics": what a person pastes into a report. Version, OS, Java, the bundled FFmpeg, the
 * log folder, then the sources and settings the caller lists. It never holds a secret: the app keeps none in its
 * settings, and a server URL loses any user name, password and query ({@link #withoutCredentials(String)}).
 */
public final class Diagnostics {

    private static final Duration FFMPEG_TIMEOUT = Duration.ofSeconds(10);

    private Diagnostics() {
    }

    /** The first line of {@code ffmpeg -version} of the bundled FFmpeg, or why there is none. Slow: not on the FX thread. */
    public static String ffmpegVersion() {
        Path ffmpeg;
        try {
            ffmpeg = FfmpegBinaries.ffmpeg();
        } catch (RuntimeException e) {
            return "unavailable (" + e.getMessage() + ")";
        }
        ExternalProcess.Output output = ExternalProcess.attempt(List.of(ffmpeg.toString(), "-version"),
                System.getenv(), FFMPEG_TIMEOUT);
        if (!output.succeeded()) {
            return "unavailable (" + output.stderrFirstLine() + ")";
        }
        return output.stdoutText().lines().findFirst().orElse("unavailable (no output)");
    }

    /**
     * @param sources  one line per source that can be captured now
     * @param settings one line per setting, already free of secrets
     */
    public static String report(String ffmpegVersion, Path logFolder, List<String> sources, List<String> settings) {
        StringBuilder text = new StringBuilder();
        text.append(AppVersion.nameAndVersion()).append('\n');
        text.append("OS: ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(" (").append(System.getProperty("os.arch")).append(")\n");
        text.append("Java: ").append(System.getProperty("java.version")).append(" (")
                .append(System.getProperty("java.vendor")).append(", ").append(System.getProperty("java.vm.name"))
                .append(")\n");
        text.append("FFmpeg: ").append(ffmpegVersion).append('\n');
        text.append("Log folder: ").append(logFolder).append('\n');
        text.append("Sources:\n");
        section(text, sources);
        text.append("Settings:\n");
        section(text, settings);
        return text.toString();
    }

    private static void section(StringBuilder text, List<String> lines) {
        if (lines.isEmpty()) {
            text.append("  (none)\n");
        }
        lines.forEach(line -> text.append("  ").append(line).append('\n'));
    }

    /** {@code https://user:pw@host:8470/x?token=…} becomes {@code https://host:8470/x}; what is not a URL, "(not a URL)". */
    public static String withoutCredentials(String url) {
        if (url == null || url.isBlank()) {
            return "";
        }
        try {
            URI uri = new URI(url.strip());
            if (uri.getHost() == null) {
                return "(not a URL)";
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return "(not a URL)";
        }
    }
}
