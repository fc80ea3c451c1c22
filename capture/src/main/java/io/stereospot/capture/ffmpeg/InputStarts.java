package io.stereospot.capture.ffmpeg;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads each input's {@code start:} from FFmpeg's input dump (printed at log level info, before any output):
 * <pre>
 * Input #1, x11grab, from ':0+0,0':
 *   Duration: N/A, start: 1796036124.388996, bitrate: 884736 kb/s
 * </pre>
 * x11grab and gdigrab stamp each frame with the wall clock, so their start is the Unix time of the first frame;
 * pulse as we open it ({@code -use_wallclock_as_timestamps 1}) too. lavfi (anullsrc, ddagrab) starts at 0 and the
 * Windows helper's PCM socket at its sample count: no wall time, which {@link #wallClockStart} tells by range.
 */
public final class InputStarts {

    /** A wall-clock start outside this range of FFmpeg's own start is no wall-clock start. */
    static final Duration BEFORE_PROCESS = Duration.ofSeconds(1);
    static final Duration AFTER_PROCESS = Duration.ofSeconds(30);

    private static final Pattern INPUT = Pattern.compile("^Input #(\\d+), ");
    private static final Pattern START = Pattern.compile("^\\s*Duration: .*, start: (-?\\d+(?:\\.\\d+)?),");
    /** Printed after every input's dump and before the first packet is written. */
    private static final String DUMP_END = "Stream mapping:";

    private final Map<Integer, Double> startSeconds = new HashMap<>();
    private int currentInput = -1;
    private boolean complete;

    /**
     * Takes one line (without its level tag).
     *
     * @return true once the dump is over: every input's start that FFmpeg prints is known
     */
    public boolean accept(String text) {
        Matcher input = INPUT.matcher(text);
        if (input.find()) {
            currentInput = Integer.parseInt(input.group(1));
            return complete;
        }
        Matcher start = START.matcher(text);
        if (start.find() && currentInput >= 0) {
            startSeconds.putIfAbsent(currentInput, Double.parseDouble(start.group(1)));
            currentInput = -1;
        } else if (text.startsWith(DUMP_END)) {
            complete = true;
        }
        return complete;
    }

    /** The start FFmpeg printed for input {@code index}, in its own seconds. */
    public Optional<Double> startSeconds(int index) {
        return Optional.ofNullable(startSeconds.get(index));
    }

    /**
     * The wall time of input {@code index}'s first sample or frame, when its start reads as a Unix time from 1 s
     * before {@code processStart} (clocks read by two programs) to 30 s after it (a slow device).
     */
    public Optional<Instant> wallClockStart(int index, Instant processStart) {
        return startSeconds(index)
                .map(s -> Instant.ofEpochSecond(0, Math.round(s * 1e6) * 1_000L))
                .filter(at -> !at.isBefore(processStart.minus(BEFORE_PROCESS))
                        && !at.isAfter(processStart.plus(AFTER_PROCESS)));
    }
}
