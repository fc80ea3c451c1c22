package io.stereospot.app.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stereospot.capture.testing.WineHost;
import io.stereospot.media.process.ExternalProcess;
import io.stereospot.media.testenv.XvfbDisplay;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Windows zip of the "windows" profile (active with -Pwindows and wherever mingw-w64 is installed): what it
 * holds, and its stereospot.cmd run by Wine's cmd.exe, with a stand-in java.exe that prints what it was given
 * (src/test/native/fake-java.c in the capture module) and with no Java at all.
 */
class WindowsZipIT {

    private static final String ZIP = System.getProperty("stereospot.windowsZip", "");

    @Test
    void theZipHoldsTheLauncherTheJarsTheWindowsFfmpegAndJavafxAndTheHelper() throws IOException {
        assumeTrue(!ZIP.isEmpty(), "the Windows zip is built with -Pwindows (or where mingw-w64 is installed)");
        try (ZipFile zip = new ZipFile(ZIP)) {
            List<String> names = Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
            assertThat(names).contains("stereospot/stereospot.cmd", "stereospot/bin/stereospot-win.exe");
            for (String jar : List.of("app-", "capture-", "server-", "media-", "contract-", "picocli-",
                    "javafx-base-.*-win", "javafx-graphics-.*-win", "javafx-controls-.*-win", "javafx-swing-.*-win",
                    "javacpp-.*-windows-x86_64", "ffmpeg-.*-windows-x86_64-gpl")) {
                assertThat(names).as(jar).anyMatch(n -> n.matches("stereospot/lib/" + jar + ".*\\.jar"));
            }
            assertThat(names).as("no Linux natives").noneMatch(n -> n.contains("-linux"));
            String script = new String(zip.getInputStream(zip.getEntry("stereospot/stereospot.cmd")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(script).contains("\r\n").contains("io.stereospot.app.Main %*");
            ZipEntry ffmpegJar = names.stream().filter(n -> n.contains("windows-x86_64-gpl")).findFirst()
                    .map(zip::getEntry).orElseThrow();
            assertThat(entries(zip.getInputStream(ffmpegJar)))
                    .contains("org/bytedeco/ffmpeg/windows-x86_64-gpl/ffmpeg.exe");
        }
    }

    @Test
    void stereospotCmdRunsMainWithAJava17AndSaysInOneSentenceWhenThereIsNone(@TempDir Path dir) throws IOException {
        assumeTrue(!ZIP.isEmpty(), "the Windows zip is built with -Pwindows (or where mingw-w64 is installed)");
        assumeTrue(WineHost.installed(), "wine is not installed: stereospot.cmd is not run");
        Path unpacked = unzip(Path.of(ZIP), dir.resolve("unpacked"));
        Path cmd = unpacked.resolve("stereospot/stereospot.cmd");
        try (XvfbDisplay display = XvfbDisplay.start(640, 480);
             WineHost wine = WineHost.prepare(Path.of("../capture/target"), display.environment())) {
            Path jdk = Files.createDirectories(dir.resolve("jdk/bin"));
            Files.copy(wine.fakeJava(), jdk.resolve("java.exe"), StandardCopyOption.REPLACE_EXISTING);
            String javaHome = "Z:" + dir.resolve("jdk").toAbsolutePath().toString().replace('/', '\\');

            ExternalProcess.Output found = wine.attemptWindows(List.of("cmd", "/c", cmd.toString(), "sources",
                    "--json"), Map.of("JAVA_HOME", javaHome, "FAKE_JAVA_VERSION", "17.0.10"), Duration.ofSeconds(60));
            assertThat(found.stdoutText().replace("\r", "")).as("%s", found.stderr())
                    .contains("[-cp]\n", "\\stereospot\\lib\\*]\n", "[io.stereospot.app.Main]\n[sources]\n[--json]\n")
                    .contains("\\stereospot\\bin\\stereospot-win.exe]");

            for (String tooOld : List.of("11.0.2", "1.8.0_392")) {
                ExternalProcess.Output old = wine.attemptWindows(List.of("cmd", "/c", cmd.toString()),
                        Map.of("JAVA_HOME", javaHome, "FAKE_JAVA_VERSION", tooOld), Duration.ofSeconds(60));
                assertThat(old.exitCode()).isEqualTo(1);
                assertThat(old.stderr()).contains("StereoSpot needs Java 17 or newer");
            }
            ExternalProcess.Output none = wine.attemptWindows(List.of("cmd", "/c", cmd.toString(), "--help"),
                    Map.of(), Duration.ofSeconds(60));
            assertThat(none.exitCode()).isEqualTo(1);
            assertThat(none.stderr().strip()).isEqualTo("StereoSpot needs Java 17 or newer: install it (for example"
                    + " from https://adoptium.net) or set JAVA_HOME to it, then run stereospot.cmd again.");
        }
    }

    private static List<String> entries(InputStream jar) throws IOException {
        try (ZipInputStream in = new ZipInputStream(jar)) {
            List<String> names = new java.util.ArrayList<>();
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
            return names;
        }
    }

    private static Path unzip(Path zip, Path to) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : Collections.list(file.entries())) {
                Path target = to.resolve(entry.getName()).normalize();
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.getName().endsWith(".cmd") || entry.getName().endsWith(".exe")) {
                    Files.createDirectories(target.getParent());
                    Files.copy(file.getInputStream(entry), target);
                }
            }
        }
        return to;
    }
}
