package io.stereospot.capture.ffmpeg;

import io.stereospot.capture.source.Platform;
import java.util.Map;

/** Says in words why FFmpeg ended on its own, for the sentence a person reads when the broadcast fails. */
public final class EncoderExit {

    /** On Linux and macOS a process ended by signal N has exit status 128 + N (Java's {@code Process} reports it). */
    private static final int SIGNAL_BASE = 128;
    private static final Map<Integer, String> SIGNAL_NAMES = Map.of(1, "SIGHUP", 2, "SIGINT", 3, "SIGQUIT",
            6, "SIGABRT", 9, "SIGKILL", 11, "SIGSEGV", 13, "SIGPIPE", 15, "SIGTERM");

    private EncoderExit() {
    }

    /**
     * The failure sentence for an FFmpeg that exited while it should have been capturing.
     *
     * @param status        its exit status
     * @param lastErrorLine the last line it wrote to stderr, or empty
     */
    public static String sentence(Platform platform, int status, String lastErrorLine) {
        int signal = signal(platform, status);
        if (signal > 0) {
            // Its last stderr line predates the signal and says nothing about it: leave it out.
            String name = SIGNAL_NAMES.get(signal);
            return "FFmpeg stopped unexpectedly (killed by signal " + signal + (name == null ? "" : ", " + name)
                    + "), so the broadcast stopped.";
        }
        return "FFmpeg stopped unexpectedly (exit status " + status + ")"
                + (lastErrorLine == null || lastErrorLine.isEmpty() ? "." : ": " + lastErrorLine);
    }

    /** The signal that ended the process, or 0 when it exited by itself (Windows has no signals). */
    static int signal(Platform platform, int status) {
        if (platform == Platform.WINDOWS || status <= SIGNAL_BASE || status >= SIGNAL_BASE + 65) {
            return 0;
        }
        return status - SIGNAL_BASE;
    }
}
