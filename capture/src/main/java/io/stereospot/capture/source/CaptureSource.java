package io.stereospot.capture.source;

import java.util.Locale;
import java.util.Optional;

/**
 * What is captured: a whole screen or one top-level window. {@link #id()} is stable for as long as the
 * screen or window exists, so a picker, the command line ({@code --source screen:0}) and the engine agree.
 */
public sealed interface CaptureSource permits CaptureSource.Screen, CaptureSource.Window, CaptureSource.Portal {

    String SCREEN_PREFIX = "screen:";
    String WINDOW_PREFIX = "window:";
    String PORTAL_PREFIX = "portal:";

    /** {@code screen:N} or {@code window:0x…}. */
    String id();

    /** A short text for a person: "Screen 1 (1920×1080)", "Window: xterm (484×316)". */
    String label();

    int width();

    int height();

    /**
     * One monitor, by its place on the virtual desktop (x11grab grabs a rectangle of the root window).
     * {@code index} counts from 0 in the order the platform lists its monitors.
     */
    record Screen(int index, int x, int y, int width, int height) implements CaptureSource {

        public Screen {
            if (index < 0 || width <= 0 || height <= 0) {
                throw new IllegalArgumentException("A screen needs index >= 0 and a positive size");
            }
        }

        @Override
        public String id() {
            return SCREEN_PREFIX + index;
        }

        @Override
        public String label() {
            return "Screen " + (index + 1) + " (" + width + "×" + height + ")";
        }
    }

    /**
     * One top-level window, by its native handle (an X11 window id, a Win32 HWND). Its size is the size when
     * it was listed: FFmpeg captures a window at the size it has when capture starts.
     */
    record Window(long handle, String title, int width, int height) implements CaptureSource {

        public Window {
            if (title == null) {
                title = "";
            }
        }

        @Override
        public String id() {
            return WINDOW_PREFIX + hexHandle();
        }

        /** The handle as FFmpeg and X11 tools write it: {@code 0x1e00003}. */
        public String hexHandle() {
            return "0x" + Long.toHexString(handle);
        }

        @Override
        public String label() {
            return "Window: " + (title.isBlank() ? hexHandle() : title) + " (" + width + "×" + height + ")";
        }
    }

    /**
     * On Wayland: what the system's screen-sharing portal lets the person pick in its own dialog (or what it
     * remembers from the last time), a whole screen or one window. Its size is known only once the portal has
     * started it, so {@link #width()} and {@link #height()} are 0.
     */
    record Portal(boolean window) implements CaptureSource {

        public static final Portal SCREEN = new Portal(false);
        public static final Portal WINDOW = new Portal(true);

        @Override
        public String id() {
            return PORTAL_PREFIX + (window ? "window" : "screen");
        }

        @Override
        public String label() {
            return (window ? "A window" : "Entire screen") + " (chosen in the system's screen-sharing dialog)";
        }

        @Override
        public int width() {
            return 0;
        }

        @Override
        public int height() {
            return 0;
        }
    }

    /** The window handle an id names ({@code window:0x1e00003} → 0x1e00003), if it is a well-formed window id. */
    static Optional<Long> windowHandleOf(String id) {
        if (id == null || !id.startsWith(WINDOW_PREFIX)) {
            return Optional.empty();
        }
        String hex = id.substring(WINDOW_PREFIX.length()).toLowerCase(Locale.ROOT);
        String digits = hex.startsWith("0x") ? hex.substring(2) : hex;
        try {
            return digits.isEmpty() || digits.length() > 16
                    ? Optional.empty() : Optional.of(Long.parseUnsignedLong(digits, 16));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
