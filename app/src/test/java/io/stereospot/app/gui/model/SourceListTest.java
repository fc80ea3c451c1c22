package io.stereospot.app.gui.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.capture.source.CaptureSource;
import io.stereospot.capture.source.SourceUnavailableException;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.junit.jupiter.api.Test;

class SourceListTest {

    private static final CaptureSource SCREEN = new CaptureSource.Screen(0, 0, 0, 1920, 1080);
    private static final CaptureSource PLAYER = new CaptureSource.Window(0x1e00003L, "Film player", 1280, 720);
    private static final CaptureSource OWN = new CaptureSource.Window(0x2a00001L, MainViewModel.WINDOW_TITLE, 900,
            780);

    private final ListedSources catalog = new ListedSources(SCREEN, OWN, PLAYER);
    private final StepByStepWork work = new StepByStepWork();
    private final StringProperty lastChosenId = new SimpleStringProperty("");
    private final List<Banner> banners = new ArrayList<>();
    private final SourceList list = new SourceList(catalog, work, MainViewModel.WINDOW_TITLE, lastChosenId,
            banners::add);

    @Test
    void listsScreensAndWindowsButNeverItsOwnWindow() {
        list.refresh();
        assertThat(list.refreshingProperty().get()).isTrue();
        work.runAll();

        assertThat(list.sources()).extracting(SourceChoice::id).containsExactly(SCREEN.id(), PLAYER.id());
        assertThat(list.refreshingProperty().get()).as("thumbnails done").isFalse();
        assertThat(list.sources()).allMatch(c -> c.thumbnailProperty().get() == null, "placeholders kept");
        assertThat(banners).isEmpty();
    }

    @Test
    void aFirstRunChoosesTheFirstSourceAndRemembersIt() {
        list.refresh();
        work.runAll();

        assertThat(list.selectedProperty().get().id()).isEqualTo(SCREEN.id());
        assertThat(lastChosenId.get()).isEqualTo(SCREEN.id());
    }

    @Test
    void theLastChosenSourceIsChosenAgainWhileItExists() {
        lastChosenId.set(PLAYER.id());
        list.refresh();
        work.runAll();
        assertThat(list.selectedProperty().get().id()).isEqualTo(PLAYER.id());

        // A click on the screen tile, then a refresh: the choice survives.
        list.selectedProperty().set(list.sources().get(0));
        assertThat(lastChosenId.get()).isEqualTo(SCREEN.id());
        list.refresh();
        work.runAll();
        assertThat(list.selectedProperty().get().id()).isEqualTo(SCREEN.id());
    }

    @Test
    void nothingToCaptureLeavesNothingChosenAndSaysSo() {
        lastChosenId.set(PLAYER.id());
        catalog.set();
        list.refresh();
        work.runAll();

        assertThat(list.sources()).isEmpty();
        assertThat(list.selectedProperty().get()).isNull();
        assertThat(lastChosenId.get()).as("the remembered choice outlives an empty list").isEqualTo(PLAYER.id());
        assertThat(banners).containsExactly(
                Banner.warning("Nothing to capture was found: no screen or window is visible."));
    }

    @Test
    void aListingFailureIsAnErrorBannerAndAllowsAnotherRefresh() {
        catalog.failListingWith(new SourceUnavailableException("No X display is available (DISPLAY is not set)"));
        list.refresh();
        work.runAll();

        assertThat(banners).containsExactly(Banner.error("The screens and windows could not be listed: "
                + "No X display is available (DISPLAY is not set)."));
        assertThat(list.refreshingProperty().get()).isFalse();
        catalog.failListingWith(null);
        list.refresh();
        work.runAll();
        assertThat(list.sources()).hasSize(2);
    }

    @Test
    void aRefreshWhileOneRunsIsIgnored() {
        list.refresh();
        list.refresh();
        assertThat(work.runAll()).as("one listing, one thumbnail pass").isEqualTo(2);
    }
}
