package io.stereospot.capture.ffmpeg;

import java.util.HashMap;
import java.util.Map;

/**
 * Turns FFmpeg's {@code -progress} output (key=value lines, each block ending with {@code progress=continue} or
 * {@code progress=end}) into {@link ProgressReport} reports.
 */
final class ProgressParser {

    private final Map<String, String> block = new HashMap<>();

    /** Feeds one line; returns a report when the line closes a block, else null. */
    ProgressReport accept(String line) {
        int eq = line.indexOf('=');
        if (eq <= 0) {
            return null;
        }
        String key = line.substring(0, eq).strip();
        String value = line.substring(eq + 1).strip();
        if (!key.equals("progress")) {
            block.put(key, value);
            return null;
        }
        ProgressReport progress = new ProgressReport(
                longOf("frame"), doubleOf("fps", ""), doubleOf("speed", "x"),
                longOf("drop_frames"), longOf("dup_frames"), longOf("out_time_us") / 1000);
        block.clear();
        return progress;
    }

    private long longOf(String key) {
        try {
            return Long.parseLong(block.getOrDefault(key, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private double doubleOf(String key, String suffix) {
        String value = block.getOrDefault(key, "0");
        if (!suffix.isEmpty() && value.endsWith(suffix)) {
            value = value.substring(0, value.length() - suffix.length());
        }
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
