package io.stereospot.app.cli;

import io.stereospot.capture.source.AudioSource;
import io.stereospot.capture.source.CaptureSource;
import io.stereospot.capture.source.SourceCatalog;
import io.stereospot.capture.source.SourceUnavailableException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./stereospot sources}: what can be captured here, with the ids {@code capture --source} takes. */
@Command(name = "sources", mixinStandardHelpOptions = true,
        description = {"List the screens, windows and sound sources that can be captured.",
                "Each screen (screen:N) and each window with a title (window:0x…) with its size, and the sound sources"
                        + " (--system-audio, --mic). Pass an id to ./stereospot capture --source."})
final class SourcesCommand implements Callable<Integer> {

    private final Map<String, String> env;

    @Spec
    private CommandSpec spec;

    SourcesCommand() {
        this(System.getenv());
    }

    SourcesCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SourceCatalog catalog = SourceCatalog.forThisPlatform(env);
        catalog.platformWarning().ifPresent(w -> err.println("Warning: " + w));
        List<CaptureSource> video;
        try {
            video = catalog.videoSources();
        } catch (SourceUnavailableException e) {
            err.println(e.getMessage());
            return Cli.FAILURE;
        }
        out.println("Video sources:");
        if (video.isEmpty()) {
            out.println("  (none found)");
        }
        int width = video.stream().mapToInt(s -> s.id().length()).max().orElse(8);
        for (CaptureSource source : video) {
            out.printf("  %-" + width + "s  %s%n", source.id(), describe(source));
        }
        out.println("Audio sources:");
        List<AudioSource> audio = catalog.audioSources();
        if (audio.isEmpty()) {
            out.println("  (none found: the stream will carry a silent track)");
        }
        for (AudioSource source : audio) {
            String flag = source.kind() == AudioSource.Kind.SYSTEM ? "--system-audio" : "--mic";
            out.printf("  %-14s  %s (%s)%n", flag, source.label(), source.device());
        }
        return 0;
    }

    private static String describe(CaptureSource source) {
        if (source instanceof CaptureSource.Window w) {
            return "\"" + w.title() + "\"  " + w.width() + "×" + w.height();
        }
        if (source instanceof CaptureSource.Portal p) {
            return p.label();
        }
        CaptureSource.Screen s = (CaptureSource.Screen) source;
        return "Screen " + (s.index() + 1) + "  " + s.width() + "×" + s.height() + " at " + s.x() + "," + s.y();
    }
}
