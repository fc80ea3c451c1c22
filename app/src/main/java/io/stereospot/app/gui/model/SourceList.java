package io.stereospot.app.gui.model;

import io.stereospot.capture.source.CaptureSource;
import io.stereospot.capture.source.SourceCatalog;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.image.Image;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The screens and windows to choose from, their thumbnails, and the chosen one. The last chosen source's id is
 * kept in the settings, so a refresh (or the next run) picks the same one again while it exists.
 */
public final class SourceList {

    private static final Logger LOG = LoggerFactory.getLogger(SourceList.class);
    static final int THUMBNAIL_WIDTH_PX = 240;

    private final SourceCatalog catalog;
    private final BackgroundWork work;
    private final String ownWindowTitle;
    private final StringProperty lastChosenId;
    private final Consumer<Banner> banners;

    private final ObservableList<SourceChoice> sources = FXCollections.observableArrayList();
    private final ObservableList<SourceChoice> sourcesView = FXCollections.unmodifiableObservableList(sources);
    private final ReadOnlyBooleanWrapper refreshing = new ReadOnlyBooleanWrapper(this, "refreshing");
    private final ObjectProperty<SourceChoice> selected = new SimpleObjectProperty<>(this, "selected");

    /**
     * @param ownWindowTitle the app window's title: never offered, because capturing it would film itself
     * @param lastChosenId   the id of the last chosen source; follows the selection while one is chosen
     */
    SourceList(SourceCatalog catalog, BackgroundWork work, String ownWindowTitle, StringProperty lastChosenId,
            Consumer<Banner> banners) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.work = Objects.requireNonNull(work, "work");
        this.ownWindowTitle = Objects.requireNonNull(ownWindowTitle, "ownWindowTitle");
        this.lastChosenId = Objects.requireNonNull(lastChosenId, "lastChosenId");
        this.banners = Objects.requireNonNull(banners, "banners");
        selected.addListener((o, was, now) -> {
            if (now != null) {
                lastChosenId.set(now.id());
            }
        });
    }

    public ObservableList<SourceChoice> sources() {
        return sourcesView;
    }

    /** Written by the view (a tile clicked) and by a refresh. */
    public ObjectProperty<SourceChoice> selectedProperty() {
        return selected;
    }

    public ReadOnlyBooleanProperty refreshingProperty() {
        return refreshing.getReadOnlyProperty();
    }

    /** Lists screens and windows again, then grabs their thumbnails; keeps the chosen one if it still exists. */
    public void refresh() {
        if (refreshing.get()) {
            return;
        }
        refreshing.set(true);
        work.run(this::list, this::show, e -> {
            refreshing.set(false);
            banners.accept(Banner.error("The screens and windows could not be listed: " + StatusTexts.sentence(e)));
        });
    }

    private List<SourceChoice> list() {
        List<SourceChoice> found = new ArrayList<>();
        for (CaptureSource source : catalog.videoSources()) {
            if (!(source instanceof CaptureSource.Window w && w.title().equals(ownWindowTitle))) {
                found.add(new SourceChoice(source));
            }
        }
        return found;
    }

    private void show(List<SourceChoice> found) {
        sources.setAll(found);
        SourceChoice keep = found.stream().filter(c -> c.id().equals(lastChosenId.get())).findFirst()
                .orElse(found.isEmpty() ? null : found.get(0));
        selected.set(keep);
        if (found.isEmpty()) {
            banners.accept(Banner.warning("Nothing to capture was found: no screen or window is visible."));
        }
        work.run(() -> loadThumbnails(found), done -> refreshing.set(false), e -> refreshing.set(false));
    }

    private Void loadThumbnails(List<SourceChoice> choices) {
        for (SourceChoice choice : choices) {
            Image image = null;
            try {
                byte[] png = catalog.thumbnailPng(choice.source(), THUMBNAIL_WIDTH_PX);
                image = new Image(new ByteArrayInputStream(png));
            } catch (RuntimeException e) {
                // A window can close between listing and grabbing; the tile keeps its placeholder.
                LOG.debug("No thumbnail for {}: {}", choice.id(), e.getMessage());
            }
            Image shown = image;
            work.onFx(() -> choice.setThumbnail(shown));
        }
        return null;
    }
}
