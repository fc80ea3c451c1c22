package io.stereospot.capture;

import java.util.Arrays;
import java.util.Locale;

/** Output frame size of every chunk. */
public enum Resolution {
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

    /** {@code 720p} or {@code 1080p}, as the command line and the picker write it. */
    public String label() {
        return label;
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
                        "Resolution must be 720p or 1080p, not '" + text + "'."));
    }

    @Override
    public String toString() {
        return label;
    }
}
