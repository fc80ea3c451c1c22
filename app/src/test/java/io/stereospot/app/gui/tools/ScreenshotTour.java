package io.stereospot.app.gui.tools;

import io.stereospot.app.gui.GuiEnvironment;
import io.stereospot.app.gui.GuiLauncher;
import io.stereospot.app.gui.StereoSpotWindow;
import io.stereospot.app.gui.model.SourceChoice;
import io.stereospot.app.platform.PlatformDirs;
import io.stereospot.capture.source.SourceCatalog;
import io.stereospot.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Button;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Not a test: the tool behind {@code scripts/screenshot-app.sh}. Opens the real window on this display (local
 * mode, this user's XDG folders), picks the window titled ARG2, presses Start, waits for chunk 2 and writes a PNG
 * of the window to ARG1; then stops gracefully and exits.
 */
public final class ScreenshotTour {

    private ScreenshotTour() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("Usage: ScreenshotTour OUTPUT.png 'TITLE OF THE WINDOW TO CAPTURE'");
            System.exit(2);
        }
        Path out = Path.of(args[0]).toAbsolutePath();
        String title = args[1];
        Map<String, String> env = System.getenv();
        PlatformDirs dirs = PlatformDirs.forThisUser(env);
        GuiEnvironment environment = new GuiEnvironment(SourceCatalog.forThisPlatform(env), dirs.settingsFile(),
                dirs.data(), ServerConfig.DEFAULT_PORT, Clock.systemUTC(), false, dirs.logs());
        StereoSpotWindow window = GuiLauncher.launch(environment);
        try {
            waitFor(() -> onFx(() -> window.model().sources().stream().anyMatch(c -> c.title().equals(title))),
                    30, "the window '" + title + "' in the picker");
            onFx(() -> {
                SourceChoice choice = window.model().sources().stream().filter(c -> c.title().equals(title))
                        .findFirst().orElseThrow();
                window.model().selectedSourceProperty().set(choice);
                return null;
            });
            // Let the thumbnails arrive, as a person would see them.
            waitFor(() -> onFx(() -> window.model().sources().stream()
                    .allMatch(c -> c.thumbnailProperty().get() != null)), 30, "the thumbnails");
            onFx(() -> {
                ((Button) window.stage().getScene().lookup("#start")).fire();
                return null;
            });
            waitFor(() -> onFx(() -> window.model().chunksUploadedProperty().get() >= 2), 120, "chunk 2");
            WritableImage image = onFx(() -> window.stage().getScene().snapshot(null));
            Files.createDirectories(out.getParent());
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out.toFile());
            System.out.println("Wrote " + out);
        } finally {
            window.close().get(90, TimeUnit.SECONDS);
            Platform.exit();
        }
        System.exit(0);
    }

    private static void waitFor(BooleanSupplier condition, int seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Gave up after " + seconds + " s waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private static <T> T onFx(Callable<T> read) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(read.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.join();
    }
}
