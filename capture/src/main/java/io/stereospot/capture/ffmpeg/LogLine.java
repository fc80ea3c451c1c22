package io.stereospot.capture.ffmpeg;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One stderr line of an FFmpeg run with {@code -loglevel level+info}: its level tag ({@code [info]},
 * {@code [warning]}, …) taken out, the rest kept as FFmpeg wrote it. The tag stands first, or after the context
 * ({@code [x11grab @ 0x55…] [warning] …}).
 *
 * @param level the tag's level, or empty for a line without one (FFmpeg without the flag, Wine's own messages)
 * @param text  the line without the tag
 */
public record LogLine(String level, String text) {

    private static final Pattern TAG = Pattern.compile(
            "^((?:\\[[^\\]]* @ [^\\]]*\\] )?)\\[(quiet|panic|fatal|error|warning|info|verbose|debug|trace)\\] ");
    /** What the last error and the owner's stderr listeners see: what {@code -loglevel warning} used to show. */
    private static final Set<String> PROBLEMS = Set.of("panic", "fatal", "error", "warning");

    public static LogLine parse(String line) {
        Matcher tag = TAG.matcher(line);
        if (!tag.find()) {
            return new LogLine("", line);
        }
        return new LogLine(tag.group(2), tag.group(1) + line.substring(tag.end()));
    }

    /** A warning or worse, or a line without a tag (which FFmpeg did not mean as mere information). */
    public boolean isProblem() {
        return level.isEmpty() || PROBLEMS.contains(level);
    }
}
