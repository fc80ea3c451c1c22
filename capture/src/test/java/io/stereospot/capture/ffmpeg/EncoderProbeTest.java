package io.stereospot.capture.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.capture.source.Platform;
import io.stereospot.capture.testing.WineHost;
import io.stereospot.media.FfmpegBinaries;
import io.stereospot.media.process.ExternalProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The encoder probe with the bundled FFmpeg on this machine, which has no GPU: every hardware encoder fails its
 * probe with FFmpeg's own reason and libx264 is used; the answers are cached, reused without running FFmpeg, probed
 * again when the fingerprint changes, and a corrupt cache is survived. The hardware encoders themselves are
 * unverified here (README, "Encoders").
 */
class EncoderProbeTest {

    private static final FrameSize P720 = new FrameSize(1280, 720);
    private static final Path FFMPEG = FfmpegBinaries.ffmpeg();

    @TempDir
    Path dir;

    /** The real FFmpeg, each run counted. */
    private final List<List<String>> runs = Collections.synchronizedList(new ArrayList<>());

    private EncoderProbe probe(Path cacheFile, String fingerprint) {
        EncoderProbe.Runner real = command -> ExternalProcess.attempt(command, System.getenv(), EncoderProbe.TIMEOUT);
        return new EncoderProbe(FFMPEG, command -> {
            runs.add(command);
            return real.run(command);
        }, new EncoderCache(cacheFile, () -> fingerprint));
    }

    @Test
    void withoutAGpuEveryHardwareEncoderFailsWithFfmpegsReasonAndLibx264IsUsed() throws IOException {
        Path cache = dir.resolve("data/encoders.json");
        EncoderChoice choice = probe(cache, DriverFingerprint.of(FFMPEG)).choose(null, Platform.LINUX_X11, P720, 30);

        assertThat(choice.encoder()).isEqualTo(VideoEncoder.X264);
        assertThat(choice.refusal()).isEmpty();
        assertThat(choice.cached()).isFalse();
        assertThat(choice.verdicts()).extracting(EncoderChoice.Verdict::encoder)
                .containsExactly(VideoEncoder.NVENC, VideoEncoder.QSV, VideoEncoder.VAAPI);
        Map<VideoEncoder, String> reasons = reasons(choice);
        // The cause FFmpeg names first, not the "Error while opening encoder" that follows it.
        assertThat(reasons.get(VideoEncoder.NVENC)).isEqualTo("Cannot load libcuda.so.1");
        assertThat(reasons.get(VideoEncoder.QSV)).isEqualTo("Failed to create a VAAPI device");
        assertThat(reasons.get(VideoEncoder.VAAPI)).isEqualTo("No VA display found for device /dev/dri/renderD128");
        assertThat(runs).hasSize(3);
        assertThat(runs.get(0)).containsSubsequence("-c:v", "h264_nvenc", "-forced-idr", "1")
                .containsSubsequence("-i", "testsrc2=size=1280x720:rate=30", "-frames:v", "10")
                .containsSubsequence("-force_key_frames", "expr:gte(t,n_forced*0.1)", "-f", "null", "-");
        assertThat(choice.lines()).containsExactly(
                "Encoder: libx264 (no hardware encoder passed its probe)",
                "  not h264_nvenc: Cannot load libcuda.so.1",
                "  not h264_qsv: Failed to create a VAAPI device",
                "  not h264_vaapi: No VA display found for device /dev/dri/renderD128");

        JsonNode written = new ObjectMapper().readTree(cache.toFile());
        assertThat(written.get("fingerprint").asText()).isEqualTo(DriverFingerprint.of(FFMPEG));
        assertThat(written.get("answers").get("h264_nvenc 1280x720@30").asText())
                .isEqualTo("Cannot load libcuda.so.1");
    }

    @Test
    void theCacheIsReusedWithoutRunningFfmpegAndProbedAgainWhenTheFingerprintChanges() {
        Path cache = dir.resolve("encoders.json");
        EncoderChoice first = probe(cache, "drivers-1").choose(null, Platform.LINUX_X11, P720, 30);
        assertThat(runs).hasSize(3);

        EncoderChoice again = probe(cache, "drivers-1").choose(null, Platform.LINUX_X11, P720, 30);
        assertThat(runs).as("a second probe on the same drivers runs no FFmpeg").hasSize(3);
        assertThat(again.cached()).isTrue();
        assertThat(again.verdicts()).isEqualTo(first.verdicts());
        assertThat(again.lines().get(0)).contains("remembered from an earlier probe");

        probe(cache, "drivers-1").choose(null, Platform.LINUX_X11, new FrameSize(1920, 1080), 30);
        assertThat(runs).as("another size is probed once").hasSize(6);

        EncoderChoice updated = probe(cache, "drivers-2").choose(null, Platform.LINUX_X11, P720, 30);
        assertThat(runs).as("new drivers: every encoder probed again").hasSize(9);
        assertThat(updated.cached()).isFalse();
        probe(cache, "drivers-2").choose(null, Platform.LINUX_X11, P720, 30);
        assertThat(runs).hasSize(9);
    }

    @Test
    void aCorruptCacheIsIgnoredAndRewritten() throws IOException {
        Path cache = dir.resolve("encoders.json");
        for (String corrupt : List.of("{\"fingerprint\":\"f\",\"answers\":{\"h264_nvenc 1280x720@30\":",
                "\u0000\u00ff garbage", "[1,2,3]",
                "{\"fingerprint\":\"f\",\"answers\":{\"h264_qsv 1280x720@30\":null}}",
                "{\"fingerprint\":\"f\"}", "")) {
            Files.writeString(cache, corrupt);
            int before = runs.size();
            EncoderChoice choice = probe(cache, "f").choose(null, Platform.LINUX_X11, P720, 30);
            assertThat(choice.encoder()).as(corrupt).isEqualTo(VideoEncoder.X264);
            assertThat(runs.size() - before).as(corrupt).isEqualTo(3);
            assertThat(new ObjectMapper().readTree(cache.toFile()).get("answers").size()).as(corrupt).isEqualTo(3);
        }
        probe(cache, "f").choose(null, Platform.LINUX_X11, P720, 30);
        assertThat(runs).as("the rewritten cache is used").hasSize(18);
    }

    @Test
    void anEncoderAskedForByNameThatFailsRefusesWithItsReason() {
        Path cache = dir.resolve("encoders.json");
        EncoderChoice nvenc = probe(cache, "f").choose(VideoEncoder.NVENC, Platform.LINUX_X11, P720, 30);
        assertThat(runs).hasSize(1);
        assertThat(nvenc.chosen()).isEmpty();
        assertThat(nvenc.refusal()).hasValue("The nvenc encoder (h264_nvenc) does not work on this computer:"
                + " Cannot load libcuda.so.1. Choose the encoder \"auto\" to use the best one that works, or x264 to"
                + " encode on the processor.");
        assertThat(nvenc.lines()).hasSize(2).first().isEqualTo(nvenc.refusal().get());

        EncoderChoice x264 = probe(cache, "f").choose(VideoEncoder.X264, Platform.LINUX_X11, P720, 30);
        assertThat(runs).as("x264 is never probed").hasSize(1);
        assertThat(x264.encoder()).isEqualTo(VideoEncoder.X264);
        assertThat(x264.lines()).containsExactly("Encoder: libx264 (as asked)");
    }

    @Test
    void theFingerprintFollowsTheDriverEvidence() throws IOException {
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("proc/driver/nvidia"));
        Path lib = root.resolve("usr/lib/x86_64-linux-gnu/libcuda.so.1");
        Files.createDirectories(lib.getParent());
        String none = DriverFingerprint.of(FFMPEG, false, root);
        assertThat(DriverFingerprint.of(FFMPEG, false, root)).isEqualTo(none);

        Files.writeString(root.resolve("proc/driver/nvidia/version"), "NVRM version: 550.54.14");
        String nvidia = DriverFingerprint.of(FFMPEG, false, root);
        assertThat(nvidia).isNotEqualTo(none);
        Files.writeString(lib, "cuda 550");
        String withCuda = DriverFingerprint.of(FFMPEG, false, root);
        assertThat(withCuda).isNotEqualTo(nvidia);
        Files.setLastModifiedTime(lib, FileTime.fromMillis(1_700_000_000_000L));
        assertThat(DriverFingerprint.of(FFMPEG, false, root)).isNotEqualTo(withCuda);

        Path card = root.resolve("sys/class/drm/card0/device");
        Files.createDirectories(card);
        Files.writeString(card.resolve("vendor"), "0x8086");
        Files.writeString(card.resolve("device"), "0x9a49");
        String intel = DriverFingerprint.of(FFMPEG, false, root);
        Files.createSymbolicLink(card.resolve("driver"), Path.of("../../../bus/pci/drivers/i915"));
        assertThat(DriverFingerprint.of(FFMPEG, false, root)).isNotEqualTo(intel);

        Path system32 = dir.resolve("System32");
        Files.createDirectories(system32);
        String windows = DriverFingerprint.of(FFMPEG, true, system32);
        Files.writeString(system32.resolve("nvEncodeAPI64.dll"), "nvenc");
        assertThat(DriverFingerprint.of(FFMPEG, true, system32)).isNotEqualTo(windows);
    }

    @Test
    void reasonsAreFfmpegsFirstErrorLineWithoutItsComponent() {
        assertThat(EncoderProbe.reason("[h264_mf @ 00000000036222c0] could not find any MFT for the given media type\n"
                + "[h264_mf @ 00000000036222c0] could not create MFT\n")).isEqualTo(
                "could not find any MFT for the given media type");
        assertThat(EncoderProbe.reason("0024:fixme:ntdll:foo\n[vost#0:0 @ 0x55c1] Unknown encoder 'h264_amf'\n"))
                .isEqualTo("Unknown encoder 'h264_amf'");
        assertThat(EncoderProbe.reason("wine: created the configuration directory '/tmp/p'\n"
                + "[h264_nvenc @ 000000000012f0c0] Cannot load nvcuda.dll\n")).isEqualTo("Cannot load nvcuda.dll");
        assertThat(EncoderProbe.reason("  \n")).isEqualTo("FFmpeg failed without a word");
    }

    /** The Windows FFmpeg (the one the Windows package ships) under Wine: no GPU, so each encoder says why. */
    @Test
    void theWindowsFfmpegUnderWineFindsNoHardwareEncoderEither() {
        Assumptions.assumeTrue(WineHost.installed(), "wine is not installed: the Windows probe is not run");
        // A prefix of its own: WindowsUnderWineIntegrationTest's session in target/wine-prefix is left alone.
        try (WineHost wine = WineHost.prepare(Path.of("target/encoder-probe-wine"), Map.of())) {
            Map<String, String> env = new HashMap<>(System.getenv());
            env.putAll(wine.environment());
            AtomicReference<Integer> count = new AtomicReference<>(0);
            EncoderProbe windows = new EncoderProbe(wine.ffmpeg(), command -> {
                count.set(count.get() + 1);
                List<String> underWine = new ArrayList<>(List.of("wine"));
                underWine.addAll(command);
                return ExternalProcess.attempt(underWine, env, EncoderProbe.TIMEOUT);
            }, new EncoderCache(dir.resolve("windows.json"), () -> "wine"));

            EncoderChoice choice = windows.choose(null, Platform.WINDOWS, P720, 30);

            assertThat(choice.encoder()).isEqualTo(VideoEncoder.X264);
            assertThat(count.get()).isEqualTo(4);
            Map<VideoEncoder, String> reasons = reasons(choice);
            assertThat(reasons.keySet()).containsExactly(VideoEncoder.NVENC, VideoEncoder.QSV, VideoEncoder.AMF,
                    VideoEncoder.MF);
            // The bundled Windows build has no AMF encoder at all; the others lack their driver under Wine.
            assertThat(reasons.get(VideoEncoder.AMF)).isEqualTo("Unknown encoder 'h264_amf'");
            assertThat(reasons.get(VideoEncoder.NVENC)).contains("nvcuda");
            assertThat(reasons.get(VideoEncoder.QSV)).isEqualTo("Error initializing a MFX session: unsupported (-3)");
            assertThat(reasons.get(VideoEncoder.MF)).isEqualTo("could not find any MFT for the given media type");
        }
    }

    private static Map<VideoEncoder, String> reasons(EncoderChoice choice) {
        Map<VideoEncoder, String> reasons = new java.util.LinkedHashMap<>();
        choice.verdicts().forEach(v -> reasons.put(v.encoder(), v.reason()));
        return reasons;
    }
}
