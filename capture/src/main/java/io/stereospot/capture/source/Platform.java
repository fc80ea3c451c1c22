package io.stereospot.capture.source;

import java.util.Locale;

/** The desktop systems FFmpeg command lines are built for. */
public enum Platform {
    /** X11 (or XWayland): x11grab + PulseAudio / PipeWire's pulse server. Verified. */
    LINUX_X11,
    /**
     * Windows 10+: ddagrab or gdigrab, sound through our helper's WASAPI feeds. Run under Wine by
     * WindowsUnderWineIntegrationTest (gdigrab, the microphone path); ddagrab and loopback need real Windows.
     */
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
