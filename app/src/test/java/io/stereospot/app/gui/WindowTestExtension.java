package io.stereospot.app.gui;

import static io.stereospot.app.gui.WindowQueries.onFx;

import io.stereospot.capture.source.SourceCatalog;
import io.stereospot.media.testenv.TestDesktop;
import io.stereospot.server.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The lifecycle the window tests share. Per test class: a private desktop to capture (its own Xvfb with a moving
 * window titled {@value #MOVING_WINDOW}, its own PulseAudio) in a temporary folder. Per test: a fresh window on
 * TestFX's primary stage, with its settings and the local server's data in a home folder of its own and a clock
 * the test moves; after the test every window it opened is closed the way a person closes it (streaming stopped
 * gracefully), so no broadcast or server outlives its test. Test methods may take an {@link FxRobot}.
 *
 * <pre>{@code @RegisterExtension static final WindowTestExtension windows = new WindowTestExtension();}</pre>
 */
final class WindowTestExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    static final String MOVING_WINDOW = "Moving clock";
    private static final long CLOSE_TIMEOUT_S = 60;

    private Path dir;
    private TestDesktop desktop;
    private SourceCatalog catalog;
    private int tests;
    private Path home;
    private MutableClock clock;
    private final List<StereoSpotWindow> opened = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("stereospot-window-test");
        TestDesktop started = TestDesktop.start(dir.resolve("desktop"), 1280, 720);
        try {
            started.openMovingWindow(MOVING_WINDOW, 40, 40, 640, 360);
        } catch (RuntimeException | Error e) {
            started.close();
            throw e;
        }
        desktop = started;
        catalog = SourceCatalog.forThisPlatform(desktop.environment());
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        home = dir.resolve("test-" + ++tests);
        clock = new MutableClock();
        Stage stage = FxToolkit.registerPrimaryStage();
        opened.add(FxToolkit.setupFixture(() -> {
            // The window decides when it is gone; hiding the last one must not end the FX toolkit of the run.
            Platform.setImplicitExit(false);
            return StereoSpotWindow.open(stage, environment());
        }));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        FxToolkit.cleanupInput(new FxRobot());
        Exception failure = null;
        for (StereoSpotWindow window : opened) {
            try {
                window.close().get(CLOSE_TIMEOUT_S, TimeUnit.SECONDS);
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        opened.clear();
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (desktop != null) {
                desktop.close();
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == FxRobot.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return new FxRobot();
    }

    /** The window this test started with. */
    StereoSpotWindow window() {
        return opened.get(0);
    }

    /** A further window, as the next run of the app would open it: same home, same desktop. */
    StereoSpotWindow openAnother() {
        Stage stage = onFx(Stage::new);
        StereoSpotWindow window = onFx(() -> StereoSpotWindow.open(stage, environment()));
        opened.add(window);
        return window;
    }

    /** This test's home: settings under {@code config/}, the local server's store under {@code data/}. */
    Path home() {
        return home;
    }

    Path settingsFile() {
        return home.resolve("config/stereospot/settings.properties");
    }

    MutableClock clock() {
        return clock;
    }

    TestDesktop desktop() {
        return desktop;
    }

    private GuiEnvironment environment() {
        return new GuiEnvironment(catalog, settingsFile(), home.resolve("data"), 0, clock, false, home.resolve("logs"));
    }
}
