package io.stereospot.capture.ffmpeg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * A hash of what decides whether a hardware encoder works here, read cheaply (no program is run), so that
 * {@link EncoderCache}'s answers are dropped when the drivers change:
 * <ul>
 * <li>the FFmpeg build (its program's size and time), the OS name, version (the kernel on Linux) and
 * architecture;</li>
 * <li>Linux: {@code /proc/driver/nvidia/version}, each {@code /sys/class/drm} device's vendor and device ids
 * and the driver it is bound to, the {@code /dev/dri} nodes, and the size and time of the user-space driver
 * libraries (libcuda, libnvidia-encode, libva, the VA drivers, oneVPL / Media SDK);</li>
 * <li>Windows: the size and time of the encoders' driver DLLs in System32 (nvcuda, nvEncodeAPI64, amfrt64,
 * libmfxhw64, libvpl, mfplat); Windows offers no cheaper signal short of a WMI query, which costs seconds.</li>
 * </ul>
 * What cannot be read counts as absent.
 */
final class DriverFingerprint {

    private static final List<String> LINUX_LIBRARY_DIRS = List.of("usr/lib/x86_64-linux-gnu", "usr/lib64",
            "usr/lib", "usr/lib/x86_64-linux-gnu/dri", "usr/lib64/dri", "usr/lib/dri");
    private static final String LINUX_LIBRARIES = "{libcuda.so*,libnvidia-encode.so*,libva.so*,libva-drm.so*,"
            + "*_drv_video.so,libmfx*.so*,libvpl.so*,libmfx-gen.so*}";
    private static final List<String> WINDOWS_DLLS = List.of("nvcuda.dll", "nvEncodeAPI64.dll", "amfrt64.dll",
            "libmfxhw64.dll", "libvpl.dll", "mfplat.dll");

    private DriverFingerprint() {
    }

    /** For this machine, as the JVM sees it. */
    static String of(Path ffmpeg) {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        Path root = windows ? Path.of(System.getenv().getOrDefault("SystemRoot", "C:\\Windows"), "System32")
                : Path.of("/");
        return of(ffmpeg, windows, root);
    }

    /**
     * @param root {@code /} on Linux and macOS, System32 on Windows (tests: a folder laid out like them)
     */
    static String of(Path ffmpeg, boolean windows, Path root) {
        List<String> evidence = new ArrayList<>();
        evidence.add("ffmpeg " + fileStamp(ffmpeg));
        evidence.add("os " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        if (windows) {
            WINDOWS_DLLS.forEach(dll -> evidence.add(dll + " " + fileStamp(root.resolve(dll))));
        } else {
            evidence.add("nvidia " + text(root.resolve("proc/driver/nvidia/version")));
            for (Path device : list(root.resolve("sys/class/drm"), "*")) {
                Path pci = device.resolve("device");
                evidence.add(device.getFileName() + " " + text(pci.resolve("vendor")) + " "
                        + text(pci.resolve("device")) + " " + link(pci.resolve("driver")));
            }
            list(root.resolve("dev/dri"), "*").forEach(node -> evidence.add("node " + node.getFileName()));
            for (String dir : LINUX_LIBRARY_DIRS) {
                list(root.resolve(dir), LINUX_LIBRARIES).forEach(lib -> evidence.add(lib + " " + fileStamp(lib)));
            }
        }
        return sha256(String.join("\n", evidence));
    }

    private static String fileStamp(Path file) {
        try {
            return Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException | RuntimeException e) {
            return "absent";
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1).strip();
        } catch (IOException | RuntimeException e) {
            return "absent";
        }
    }

    private static String link(Path path) {
        try {
            return Files.readSymbolicLink(path).getFileName().toString();
        } catch (IOException | RuntimeException e) {
            return "none";
        }
    }

    /** The folder's entries matching {@code glob}, sorted, so the order of a listing never changes the hash. */
    private static List<Path> list(Path folder, String glob) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, glob)) {
            List<Path> found = new ArrayList<>();
            entries.forEach(found::add);
            return found.stream().sorted().toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
