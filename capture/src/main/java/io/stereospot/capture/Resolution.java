package io.stereospot.capture;

import java.util.Arrays;
import java.util.Locale;

/**
 * Output frame size of every chunk, or {@link #AUTO}: the broadcast measures what this machine keeps smooth and
 * picks the size (and frame rate) itself (issue 27). Auto's width and height are the largest it may pick.
 */
public enum Resolution {
    AUTO("auto", 1920, 1080),
    P720("720p", 1280, 720),
    P1080("1080p", 1920, 1080);

    private final String label;
    private final int width;
    private final int height;

    Resolution(String label, int width, int height) {
        this.label = label;
        this.width = width;
        this.height = height;
    }

    /** {@code auto}, {@code 720p} or {@code 1080p}, as the command line and the picker write it. */
    public String label() {
        return label;
    }

    public boolean isAuto() {
        return this == AUTO;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** @throws IllegalArgumentException with a sentence listing what is accepted */
    public static Resolution parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.label.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "Resolution must be auto, 720p or 1080p, not '" + text + "'."));
    }

    @Override
    public String toString() {
        return label;
    }
}
