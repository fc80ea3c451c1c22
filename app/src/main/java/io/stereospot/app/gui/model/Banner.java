package io.stereospot.app.gui.model;

import java.util.Objects;

/** A sentence shown across the top of the window. */
public record Banner(Level level, String text) {

    public enum Level { INFO, WARNING, ERROR }

    public Banner {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(text, "text");
    }

    public static Banner info(String text) {
        return new Banner(Level.INFO, text);
    }

    public static Banner warning(String text) {
        return new Banner(Level.WARNING, text);
    }

    public static Banner error(String text) {
        return new Banner(Level.ERROR, text);
    }
}
