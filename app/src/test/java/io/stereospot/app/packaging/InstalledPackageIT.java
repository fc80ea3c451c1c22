package io.stereospot.app.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stereospot.media.process.ExternalProcess;
import io.stereospot.media.testenv.Await;
import io.stereospot.media.testenv.TestDesktop;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package as a person gets it: built by src/packaging/build-packages.sh, installed with
 * {@code apt-get install ./…deb} where no JDK and no Maven can be found, run (version, server, sources, a capture
 * by an ordinary user, the window), and removed, leaving nothing of it outside the user's own folders. It needs
 * root and apt (as CI has).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstalledPackageIT {

    private static final String PACKAGE = "stereospot";
    private static final String WINDOW_TITLE = "StereoSpot Stream Capture";
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(15);

    private Path dir;
    private TestDesktop desktop;
    private UserWithoutJdk user;
    private Path deb;
    private List<String> installedFiles;
    private Path installedAt;

    private static final boolean CAN_INSTALL = "root".equals(System.getProperty("user.name"))
            && Files.isExecutable(Path.of("/usr/bin/apt-get")) && Files.isExecutable(Path.of("/usr/bin/dpkg"));

    @BeforeAll
    void startDesktop(@TempDir Path tempDir) {
        if (!CAN_INSTALL) {
            return;
        }
        dir = tempDir;
        desktop = TestDesktop.start(dir.resolve("desktop"), 1280, 800);
        user = UserWithoutJdk.create(dir, desktop.environment());
        removePackage(); // a leftover of an earlier run that was cut short
    }

    /** Per test, so the report shows each one skipped with this sentence (a class-level skip shows nothing). */
    @BeforeEach
    void onlyAsRootWithApt() {
        assumeTrue(CAN_INSTALL, "The install test installs a Debian package system-wide, so it runs only as root on "
                + "a system with apt-get and dpkg (as CI does); skipped here.");
    }

    @AfterAll
    void cleanUp() {
        if (user != null) {
            removePackage();
        }
        if (desktop != null) {
            desktop.close();
        }
    }

    @Test
    @Order(1)
    void buildsTheDeb() throws IOException {
        String prebuilt = System.getProperty("stereospot.packaging.prebuiltDist", "");
        Path dist;
        if (prebuilt.isBlank()) {
            Path target = Path.of(System.getProperty("stereospot.packaging.lib")).getParent();
            dist = target.resolve("install-test/dist");
            ExternalProcess.Output build = ExternalProcess.attempt(List.of(
                    System.getProperty("stereospot.packaging.script"), System.getProperty("stereospot.packaging.jdk"),
                    System.getProperty("stereospot.packaging.jar"), System.getProperty("stereospot.packaging.lib"),
                    target.resolve("install-test/work").toString(), dist.toString(),
                    System.getProperty("stereospot.packaging.version")), System.getenv(), BUILD_TIMEOUT);
            assertThat(build.exitCode()).as(build.stdoutText() + build.stderr()).isZero();
        } else {
            dist = Path.of(prebuilt); // mvn -Prelease verify: the release profile built it in this same run
        }
        try (Stream<Path> files = Files.list(dist)) {
            deb = files.filter(f -> f.getFileName().toString().matches("stereospot_.*_amd64\\.deb")).findFirst()
                    .orElseThrow(() -> new AssertionError("no .deb in " + dist));
        }
        assertThat(dist.resolve("stereospot-" + System.getProperty("stereospot.packaging.version")
                .replace("-SNAPSHOT", "") + "-linux-x86_64.tar.gz")).isRegularFile();
    }

    @Test
    @Order(2)
    void installsWithAptWhereNoJdkOrMavenIsFound() throws IOException {
        assertThat(deb).as("the .deb from the build step").isNotNull();
        assertThat(user.run(COMMAND_TIMEOUT, "sh", "-c", "command -v java || command -v mvn").exitCode())
                .as("java or mvn on the user's PATH").isNotZero();
        assertThat(user.environment()).doesNotContainKeys("JAVA_HOME", "MAVEN_HOME", "M2_HOME");

        // Wayland's capture pieces are recommended, not required: an X11 desktop installs and runs without them.
        ExternalProcess.Output recommends = user.run(COMMAND_TIMEOUT, "dpkg-deb", "-f", deb.toAbsolutePath().toString(),
                "Recommends");
        assertThat(recommends.stdoutText()).contains("gstreamer1.0-pipewire", "gstreamer1.0-tools");
        ExternalProcess.Output install = user.run(Duration.ofMinutes(5), "apt-get", "install", "-y", "-q",
                "--no-install-recommends", deb.toAbsolutePath().toString());
        assertThat(install.exitCode()).as(install.stdoutText() + install.stderr()).isZero();

        installedAt = Files.createFile(dir.resolve("installed-at")); // its time: what running it writes is newer
        ExternalProcess.Output files = user.run(COMMAND_TIMEOUT, "dpkg", "-L", PACKAGE);
        installedFiles = files.stdoutText().lines().filter(l -> !l.isBlank()).toList();
        assertThat(installedFiles).contains("/opt/stereospot/bin/stereospot", "/usr/bin/stereospot",
                "/usr/share/applications/stereospot.desktop", "/usr/share/icons/hicolor/256x256/apps/stereospot.png",
                "/usr/share/bash-completion/completions/stereospot");
        user.refreshPath();
        assertThat(user.run(COMMAND_TIMEOUT, "sh", "-c", "readlink -f \"$(command -v stereospot)\"").stdoutText()
                .strip()).isEqualTo("/opt/stereospot/bin/stereospot");
    }

    @Test
    @Order(3)
    void tellsItsVersion() {
        ExternalProcess.Output version = user.run(COMMAND_TIMEOUT, "stereospot", "--version");
        assertThat(version.exitCode()).as(version.stderr()).isZero();
        assertThat(version.stdoutText().strip())
                .isEqualTo("StereoSpot Stream " + System.getProperty("stereospot.packaging.version"));
    }

    @Test
    @Order(4)
    void runsTheServerUntilHealthzAnswers() throws Exception {
        Path dataDir = user.home().resolve("server-data");
        Path log = dir.resolve("server.log");
        Process server = user.start(log, "stereospot", "server", "--port", "0", "--data-dir", dataDir.toString());
        try {
            String api = Await.value(() -> apiUrl(log, server), Duration.ofMinutes(2), "the server's API URL");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(api + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"ok\"");
        } finally {
            server.destroy(); // SIGTERM: the same clean stop as Ctrl-C
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("the server stops on SIGTERM").isTrue();
        }
        assertThat(Files.readString(log)).contains("Stream server stopped.");
        assertThat(dataDir.resolve("root-credentials.properties")).isRegularFile();
    }

    /** The API line of the server's banner, or null while it is starting; fails when the server has ended. */
    private static String apiUrl(Path log, Process server) {
        try {
            String text = Files.exists(log) ? Files.readString(log) : "";
            Matcher api = Pattern.compile("API +(http://\\S+)").matcher(text);
            if (api.find()) {
                return api.group(1);
            }
            if (!server.isAlive()) {
                throw new AssertionError("The server ended with status " + server.exitValue() + ": " + text);
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    @Test
    @Order(5)
    void listsTheSourcesOfTheTestDisplay() {
        ExternalProcess.Output sources = user.run(COMMAND_TIMEOUT, "stereospot", "sources");
        assertThat(sources.exitCode()).as(sources.stderr()).isZero();
        assertThat(sources.stdoutText()).startsWith("Video sources:").contains("screen:0", "Audio sources:",
                desktop.sink() + ".monitor");
    }

    @Test
    @Order(6)
    void capturesAsAnOrdinaryUserWhoCannotWriteToTheInstalledFolder() throws IOException {
        // "nobody" cannot write under /opt/stereospot: FFmpeg must come out of the jars into that user's own cache.
        Path home = Files.createTempDirectory("stereospot-nobody-home");
        try {
            assertThat(user.run(COMMAND_TIMEOUT, "chown", "nobody", home.toString()).exitCode()).isZero();
            ExternalProcess.Output capture = user.run(COMMAND_TIMEOUT, "runuser", "-u", "nobody", "--", "/usr/bin/env", "-i", "-C", "/",
                    "PATH=/usr/bin:/bin", "HOME=" + home, "JAVA_TOOL_OPTIONS=-Duser.home=" + home,
                    "DISPLAY=" + desktop.display(), "stereospot", "capture", "--source", "screen:0",
                    "--duration", "6s");
            assertThat(capture.exitCode()).as(capture.stdoutText() + capture.stderr()).isZero();
            assertThat(capture.stdoutText()).contains("chunk 00000 uploaded", "session ended");
            try (Stream<Path> files = Files.walk(home.resolve(".javacpp/cache"))) {
                assertThat(files.anyMatch(f -> f.getFileName().toString().equals("ffmpeg"))).isTrue();
            }
        } finally {
            user.run(COMMAND_TIMEOUT, "rm", "-rf", home.toString());
        }
    }

    @Test
    @Order(7)
    void opensTheWindowOnTheTestDisplay() throws Exception {
        Path log = dir.resolve("window.log");
        Process app = user.start(log, "stereospot");
        try {
            Await.until("the window '" + WINDOW_TITLE + "' to be visible (log: " + log + ")",
                    () -> desktop.findWindow(WINDOW_TITLE) != null || !app.isAlive(), Duration.ofMinutes(2));
            assertThat(app.isAlive()).as("the app is running: " + Files.readString(log)).isTrue();
            desktop.screenshot(dir.resolve("installed-window.png"));
            // The thumbnails run the bundled FFmpeg: JavaCPP extracts it into the user's cache, never into the
            // installed (root-owned, read-only for a user) tree.
            Await.value(this::extractedFfmpeg, Duration.ofMinutes(2), "FFmpeg extracted into "
                    + user.home().resolve(".javacpp/cache"));
        } finally {
            app.destroy(); // SIGTERM: the window's graceful stop
            app.waitFor(30, TimeUnit.SECONDS);
            app.destroyForcibly();
        }
    }

    private Path extractedFfmpeg() {
        Path cache = user.home().resolve(".javacpp/cache");
        if (!Files.isDirectory(cache)) {
            return null;
        }
        try (Stream<Path> files = Files.walk(cache)) {
            // Executable only once fully written: JavaCPP sets the mode after copying.
            return files.filter(f -> f.getFileName().toString().equals("ffmpeg") && Files.isExecutable(f))
                    .findFirst().orElse(null);
        } catch (IOException | java.io.UncheckedIOException e) {
            return null; // still being extracted
        }
    }

    @Test
    @Order(8)
    void removingItLeavesNothingButTheUsersOwnFolders() {
        assertThat(installedFiles).as("the files of the installed package").isNotEmpty();
        assertThat(user.run(COMMAND_TIMEOUT, "find", "/opt/stereospot", "-newer", installedAt.toString())
                .stdoutText()).as("files written into the installed tree by running it").isEmpty();
        ExternalProcess.Output purge = user.run(Duration.ofMinutes(3), "apt-get", "purge", "-y", "-q", PACKAGE);
        assertThat(purge.exitCode()).as(purge.stdoutText() + purge.stderr()).isZero();

        List<String> left = installedFiles.stream().filter(f -> !isSharedFolder(f))
                .filter(f -> Files.exists(Path.of(f), LinkOption.NOFOLLOW_LINKS)).toList();
        assertThat(left).as("files of the package still there after purge").isEmpty();
        ExternalProcess.Output named = user.run(COMMAND_TIMEOUT, "find", "/opt", "/usr", "/etc", "/var/lib/dpkg/info",
                "-xdev", "-iname", "*stereospot*");
        assertThat(named.stdoutText().strip()).as("anything named stereospot in system folders").isEmpty();
        assertThat(user.run(COMMAND_TIMEOUT, "dpkg", "-s", PACKAGE).exitCode()).isNotZero();

        // The user's own folders stay: the server's data and the extracted FFmpeg.
        assertThat(user.home().resolve("server-data/root-credentials.properties")).isRegularFile();
        assertThat(extractedFfmpeg()).isNotNull();
    }

    /** Folders the package shares with others (/usr/bin, /opt, …): dpkg keeps them, rightly. */
    private static boolean isSharedFolder(String path) {
        return Files.isDirectory(Path.of(path), LinkOption.NOFOLLOW_LINKS)
                && !path.startsWith("/opt/stereospot");
    }

    private void removePackage() {
        if (user.run(COMMAND_TIMEOUT, "dpkg", "-s", PACKAGE).succeeded()) {
            user.run(Duration.ofMinutes(3), "apt-get", "purge", "-y", "-q", PACKAGE);
        }
    }
}
