package io.stereospot.app.gui.model;

import io.stereospot.capture.source.CaptureSource;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.image.Image;

/** One screen or window in the picker; its thumbnail arrives after the list (grabbing it takes a moment). */
public final class SourceChoice {

    private final CaptureSource source;
    private final ReadOnlyObjectWrapper<Image> thumbnail = new ReadOnlyObjectWrapper<>(this, "thumbnail");

    public SourceChoice(CaptureSource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    public CaptureSource source() {
        return source;
    }

    public String id() {
        return source.id();
    }

    /** "Entire screen 1" or the window's title: what a person recognises. */
    public String title() {
        if (source instanceof CaptureSource.Window w) {
            return w.title().isBlank() ? "Window " + w.hexHandle() : w.title();
        }
        if (source instanceof CaptureSource.Portal p) {
            return p.window() ? "A window" : "Entire screen";
        }
        CaptureSource.Screen s = (CaptureSource.Screen) source;
        return "Entire screen " + (s.index() + 1);
    }

    /** "Screen · 1920×1080" or "Window · 484×316". */
    public String detail() {
        if (source instanceof CaptureSource.Portal) {
            return "Chosen in the system's sharing dialog";
        }
        return (source instanceof CaptureSource.Screen ? "Screen" : "Window") + " · " + source.width() + "×"
                + source.height();
    }

    public ReadOnlyObjectProperty<Image> thumbnailProperty() {
        return thumbnail.getReadOnlyProperty();
    }

    /** FX thread only. */
    void setThumbnail(Image image) {
        thumbnail.set(image);
    }

    @Override
    public String toString() {
        return title();
    }
}
