package io.stereospot.capture.source;

import java.util.Locale;

/** The desktop systems FFmpeg command lines are built for. Only LINUX_X11 is verified by this project's tests. */
public enum Platform {
    /** X11 (or XWayland): x11grab + PulseAudio / PipeWire's pulse server. Verified. */
    LINUX_X11,
    /** Windows 10+: gdigrab/ddagrab + dshow microphone. Command lines golden-tested, not run here. */
    WINDOWS,
    /** macOS: avfoundation. Command lines golden-tested, not run here. */
    MACOS;

    public static Platform current() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return WINDOWS;
        }
        if (os.startsWith("mac")) {
            return MACOS;
        }
        return LINUX_X11;
    }
}
