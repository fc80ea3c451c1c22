package io.stereospot.media;

import java.util.ArrayList;
import java.util.List;

/**
 * An FFmpeg command line as a value: the program (with a launcher such as {@code wine} in front where there is one),
 * the preamble every run shares, then the run's own arguments. The preamble: no banner, no stats line (a run that
 * wants progress asks for {@code -progress}), the log level, and {@code -nostdin} unless the run is stopped with
 * {@code q}, so FFmpeg never takes a terminal or a pipe it was not meant to read.
 *
 * @param program    the words that start FFmpeg
 * @param logLevel   FFmpeg's {@code -loglevel}: {@code error} (the default) when stderr is only the reason it failed
 * @param readsStdin true for a long run stopped by typing {@code q}
 */
public record FfmpegCommandLine(List<String> program, String logLevel, boolean readsStdin) {

    public FfmpegCommandLine {
        program = List.copyOf(program);
    }

    /** The bundled ffmpeg ({@link FfmpegBinaries}), errors only, stdin not read. */
    public static FfmpegCommandLine ffmpeg() {
        return of(List.of(FfmpegBinaries.ffmpeg().toString()));
    }

    /** FFmpeg started by {@code program} (its path, or a launcher and its path), errors only, stdin not read. */
    public static FfmpegCommandLine of(List<String> program) {
        return new FfmpegCommandLine(program, "error", false);
    }

    public FfmpegCommandLine logLevel(String level) {
        return new FfmpegCommandLine(program, level, readsStdin);
    }

    /** Leaves stdin to FFmpeg: {@code q} there stops it. */
    public FfmpegCommandLine readingStdin() {
        return new FfmpegCommandLine(program, logLevel, true);
    }

    /** The whole command line: program, preamble, then {@code arguments}. */
    public List<String> with(List<String> arguments) {
        List<String> line = new ArrayList<>(program);
        if (!readsStdin) {
            line.add("-nostdin");
        }
        line.addAll(List.of("-hide_banner", "-nostats", "-loglevel", logLevel));
        line.addAll(arguments);
        return line;
    }

    public List<String> with(String... arguments) {
        return with(List.of(arguments));
    }
}
