package io.stereospot.capture.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stereospot.capture.source.AudioSource;
import io.stereospot.capture.source.CaptureSource;
import io.stereospot.capture.source.Platform;
import io.stereospot.capture.source.ScreenGrabber;
import io.stereospot.capture.source.VideoFeed;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The FFmpeg argument list per platform, compared with golden files (one argument per line) under
 * {@code src/test/resources/golden/ffmpeg}. After a deliberate change, regenerate them with
 * {@code mvn -pl capture -am verify -Dtest=FfmpegCommandGoldenTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dgolden.update=true} and review the diff.
 */
class FfmpegCommandGoldenTest {

    private static final FrameSize P720 = new FrameSize(1280, 720);
    private static final FrameSize P1080 = new FrameSize(1920, 1080);
    private static final Path FFMPEG = Path.of("ffmpeg");
    private static final Path SPOOL = Path.of("/spool/3f2b8c1e-5d4a-4b6f-9a7e-2c1d0e9f8a7b");
    private static final CaptureSource.Screen SCREEN_1080 = new CaptureSource.Screen(0, 0, 0, 1920, 1080);
    private static final CaptureSource.Screen SECOND_SCREEN = new CaptureSource.Screen(1, 1920, 0, 2560, 1440);
    private static final CaptureSource.Window WINDOW = new CaptureSource.Window(0x1e00003L, "Video – Browser", 1280,
            800);
    private static final AudioSource PULSE_SYSTEM = AudioSource.system("System audio", "alsa_output.pci.monitor");
    private static final AudioSource PULSE_MIC = AudioSource.microphone("Microphone", "alsa_input.pci");
    /** On Windows the devices are the helper's PCM feeds (WindowsSourceCatalog.openAudio). */
    private static final AudioSource WASAPI_MIC = AudioSource.microphone("Microphone (default)",
            "tcp://127.0.0.1:50123");
    private static final AudioSource WASAPI_SYSTEM = AudioSource.system("System audio (what you hear)",
            "tcp://127.0.0.1:50124");
    private static final AudioSource AVF_MIC = AudioSource.microphone("MacBook Pro Microphone", "0");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("linux-screen-720p-silent", new FfmpegCommand(Platform.LINUX_X11, FFMPEG, SCREEN_1080,
                        ":0", List.of(), P720, 30, 5000, SPOOL)),
                Arguments.of("linux-screen2-1080p-system-audio", new FfmpegCommand(Platform.LINUX_X11, FFMPEG,
                        SECOND_SCREEN, ":0", List.of(PULSE_SYSTEM), P1080, 30, 5000, SPOOL)),
                Arguments.of("linux-window-720p-system-audio-and-mic", new FfmpegCommand(Platform.LINUX_X11, FFMPEG,
                        WINDOW, ":1", List.of(PULSE_SYSTEM, PULSE_MIC), P720, 30, 5000, SPOOL)),
                Arguments.of("linux-wayland-portal-720p-system-audio", new FfmpegCommand(Platform.LINUX_X11, FFMPEG,
                        CaptureSource.Portal.SCREEN, null, List.of(PULSE_SYSTEM), P720, 30, 5000, SPOOL,
                        ScreenGrabber.GDIGRAB, new VideoFeed.RawInput(Path.of("/tmp/stereospot-pipewire1/frames.yuv"),
                        1280, 720, 30))),
                Arguments.of("windows-screen-1080p-mic", new FfmpegCommand(Platform.WINDOWS, FFMPEG, SECOND_SCREEN,
                        null, List.of(WASAPI_MIC), P1080, 30, 5000, SPOOL)),
                Arguments.of("windows-ddagrab-screen2-720p-system-audio-and-mic", new FfmpegCommand(
                        Platform.WINDOWS, FFMPEG, SECOND_SCREEN, null, List.of(WASAPI_SYSTEM, WASAPI_MIC), P720, 30,
                        5000, SPOOL, ScreenGrabber.DDAGRAB)),
                Arguments.of("windows-window-ddagrab-asked-720p-silent", new FfmpegCommand(Platform.WINDOWS,
                        FFMPEG, WINDOW, null, List.of(), P720, 30, 5000, SPOOL, ScreenGrabber.DDAGRAB)),
                Arguments.of("windows-window-720p-silent", new FfmpegCommand(Platform.WINDOWS, FFMPEG, WINDOW,
                        null, List.of(), P720, 30, 5000, SPOOL)),
                Arguments.of("macos-screen-720p-mic", new FfmpegCommand(Platform.MACOS, FFMPEG, SCREEN_1080,
                        null, List.of(AVF_MIC), P720, 30, 5000, SPOOL)),
                hardware("linux-nvenc-screen-720p-system-audio", Platform.LINUX_X11, VideoEncoder.NVENC, P720),
                hardware("linux-qsv-screen-720p-system-audio", Platform.LINUX_X11, VideoEncoder.QSV, P720),
                hardware("linux-vaapi-screen-1080p-system-audio", Platform.LINUX_X11, VideoEncoder.VAAPI, P1080),
                hardware("windows-nvenc-screen-1080p-mic", Platform.WINDOWS, VideoEncoder.NVENC, P1080),
                hardware("windows-qsv-screen-720p-mic", Platform.WINDOWS, VideoEncoder.QSV, P720),
                hardware("windows-amf-screen-1080p-mic", Platform.WINDOWS, VideoEncoder.AMF, P1080),
                hardware("windows-mf-screen-720p-mic", Platform.WINDOWS, VideoEncoder.MF, P720));
    }

    /** The second screen with one audio input, through a hardware encoder. */
    private static Arguments hardware(String name, Platform platform, VideoEncoder encoder, FrameSize size) {
        boolean linux = platform == Platform.LINUX_X11;
        return Arguments.of(name, new FfmpegCommand(platform, FFMPEG, SECOND_SCREEN, linux ? ":0" : null,
                List.of(linux ? PULSE_SYSTEM : WASAPI_MIC), size, 30, 5000, SPOOL, ScreenGrabber.GDIGRAB, null,
                encoder));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void argumentsMatchTheGoldenFile(String name, FfmpegCommand command) throws IOException {
        String actual = String.join("\n", command.arguments()) + "\n";
        String resource = "/golden/ffmpeg/" + name + ".args";
        if (Boolean.getBoolean("golden.update")) {
            Path file = Path.of("src/test/resources" + resource);
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            assertThat(in).as("golden file %s (run with -Dgolden.update=true to create it)", resource).isNotNull();
            assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theRulesThatMatterHoldOnEveryPlatform() {
        cases().forEach(c -> {
            List<String> args = ((FfmpegCommand) c.get()[1]).arguments();
            assertThat(args).containsSubsequence("-force_key_frames", "expr:gte(t,n_forced*5)");
            assertThat(args).containsSubsequence("-segment_time", "5", "-segment_time_delta", "0.0167");
            assertThat(args).containsSubsequence("-segment_format_options", "movflags=+faststart");
            assertThat(args).containsSubsequence("-segment_list_type", "csv", "-segment_list_flags", "live");
            assertThat(args).containsSubsequence("-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2");
            FfmpegCommand command = (FfmpegCommand) c.get()[1];
            assertThat(args).containsSubsequence("-c:v", command.encoder().ffmpegName());
            assertThat(args).containsSubsequence("-fps_mode", "cfr", "-r", "30");
            assertThat(args).contains("[v]", "[a]");
            assertThat(args.get(args.size() - 1)).endsWith("chunk_%05d.mp4");
        });
    }

    @Test
    void everyHardwareEncoderMakesEachForcedKeyframeAnIdr() {
        FfmpegCommand linux = command(Platform.LINUX_X11, VideoEncoder.NVENC);
        assertThat(linux.arguments()).containsSubsequence("-c:v", "h264_nvenc", "-forced-idr", "1");
        assertThat(command(Platform.WINDOWS, VideoEncoder.QSV).arguments())
                .containsSubsequence("-c:v", "h264_qsv", "-forced_idr", "1");
        assertThat(command(Platform.WINDOWS, VideoEncoder.AMF).arguments())
                .containsSubsequence("-c:v", "h264_amf", "-forced_idr", "1");
        // vaapi and mf make a forced keyframe an IDR by themselves (VideoEncoder's comment): no B-frames either.
        assertThat(command(Platform.WINDOWS, VideoEncoder.MF).arguments()).containsSubsequence("-c:v", "h264_mf",
                "-bf", "0");
    }

    @Test
    void vaapiOpensItsDeviceBeforeTheInputsAndUploadsTheFrames() {
        FfmpegCommand vaapi = command(Platform.LINUX_X11, VideoEncoder.VAAPI);
        List<String> args = vaapi.arguments();
        assertThat(args.indexOf("-vaapi_device")).isBetween(0, args.indexOf("-i"));
        assertThat(args).containsSubsequence("-vaapi_device", "/dev/dri/renderD128");
        assertThat(vaapi.filterGraph()).contains("format=nv12,hwupload[v]");
        assertThat(args).doesNotContain("-pix_fmt");
        assertThat(command(Platform.LINUX_X11, VideoEncoder.X264).filterGraph()).contains("format=yuv420p[v]")
                .doesNotContain("hwupload");
    }

    private static FfmpegCommand command(Platform platform, VideoEncoder encoder) {
        return (FfmpegCommand) hardware("", platform, encoder, P720).get()[1];
    }

    @Test
    void presetsKeepEachResolutionRealTimeOnTwoCores() {
        assertThat(VideoEncoder.presetFor(P720)).isEqualTo("veryfast");
        assertThat(VideoEncoder.presetFor(P1080)).isEqualTo("superfast");
    }

    @Test
    void macosRefusesAWindowWithASentence() {
        assertThatThrownBy(() -> new FfmpegCommand(Platform.MACOS, FFMPEG, WINDOW, null, List.of(), P720,
                30, 5000, SPOOL)).hasMessageContaining("pick a screen");
    }

    @Test
    void twoAudioInputsAreMixedIntoOneTrackAndNoneGivesASilentTrack() {
        FfmpegCommand mixed = new FfmpegCommand(Platform.LINUX_X11, FFMPEG, WINDOW, ":0",
                List.of(PULSE_SYSTEM, PULSE_MIC), P720, 30, 5000, SPOOL);
        assertThat(mixed.filterGraph()).contains("amix=inputs=2");
        FfmpegCommand silent = new FfmpegCommand(Platform.LINUX_X11, FFMPEG, WINDOW, ":0", List.of(),
                P720, 30, 5000, SPOOL);
        assertThat(silent.arguments()).containsSubsequence("-f", "lavfi", "-i", "anullsrc=r=48000:cl=stereo");
    }
}
