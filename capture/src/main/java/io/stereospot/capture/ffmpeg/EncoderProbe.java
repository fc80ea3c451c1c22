package io.stereospot.capture.ffmpeg;

import io.stereospot.capture.source.Platform;
import io.stereospot.capture.source.ProgramLauncher;
import io.stereospot.media.FfmpegCommandLine;
import io.stereospot.media.process.ExternalProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the encoder for a broadcast: each hardware encoder of the platform ({@link VideoEncoder#hardwareOrder}),
 * best first, makes a short real encode with the options the chunks use (a test picture of {@value #FRAMES}
 * frames at the chosen size and rate, keyframes forced, to {@code -f null}); the first that succeeds is used, and
 * libx264 when none does. A hardware encoder FFmpeg has, whose driver or device is missing, fails at once with a
 * sentence ("Cannot load libcuda.so.1"); that sentence is kept as the reason. Each answer is kept in
 * {@link EncoderCache}, so each encoder is probed once per machine, size and rate until the drivers change.
 */
public final class EncoderProbe {

    private static final Logger LOG = LoggerFactory.getLogger(EncoderProbe.class);

    /** Ten frames: enough for the encoder to open, take frames and emit a forced IDR, well under a second. */
    static final int FRAMES = 10;
    /** A broken driver can hang; Wine alone takes up to 3.4 s to start a program. */
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    /**
     * FFmpeg's prefix naming the component that logged a line: {@code [h264_nvenc @ 0x55…] }, on Windows
     * {@code [h264_mf @ 00000000036222c0] }.
     */
    private static final Pattern COMPONENT = Pattern.compile("^\\[[^]]*@ (0x)?[0-9a-fA-F]+] ");
    /** Wine's own lines, in the tests: "wine: created the configuration directory …", "0024:fixme:…". */
    private static final Pattern WINE_CHATTER = Pattern.compile("^(wine: |[0-9a-f]{4}:(fixme|err|warn|trace):)");

    /** Runs one probe (program first, without launcher) to completion; never throws. */
    @FunctionalInterface
    public interface Runner {
        ExternalProcess.Output run(List<String> command);
    }

    private final Path ffmpeg;
    private final Runner runner;
    private final EncoderCache cache;

    public EncoderProbe(Path ffmpeg, Runner runner, EncoderCache cache) {
        this.ffmpeg = Objects.requireNonNull(ffmpeg, "ffmpeg");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /** FFmpeg started the way a capture starts it, its answers kept in {@code cacheFile}. */
    public static EncoderProbe of(Path ffmpeg, ProgramLauncher launcher, Map<String, String> environment,
            Path cacheFile) {
        Runner runner = command -> ExternalProcess.attempt(launcher.command(command), environment, TIMEOUT);
        return new EncoderProbe(ffmpeg, runner, new EncoderCache(cacheFile, () -> DriverFingerprint.of(ffmpeg)));
    }

    /**
     * @param asked the encoder asked for by name, or null for auto; x264 is never probed
     */
    public EncoderChoice choose(VideoEncoder asked, Platform platform, FrameSize size, int fps) {
        if (asked == VideoEncoder.X264) {
            return new EncoderChoice(Optional.of(asked), Optional.of(asked), List.of(), false);
        }
        List<VideoEncoder> candidates = asked != null ? List.of(asked) : VideoEncoder.hardwareOrder(platform);
        EncoderCache.Answers answers = cache.load();
        List<EncoderChoice.Verdict> verdicts = new ArrayList<>();
        VideoEncoder chosen = null;
        boolean probed = false;
        for (VideoEncoder candidate : candidates) {
            if (chosen != null) {
                verdicts.add(new EncoderChoice.Verdict(candidate, "not tried, " + chosen.ffmpegName()
                        + " came first"));
                continue;
            }
            String key = EncoderCache.key(candidate, size, fps);
            Optional<String> failure;
            if (answers.has(key)) {
                failure = answers.failure(key);
            } else {
                failure = probe(candidate, size, fps);
                answers.put(key, failure);
                probed = true;
            }
            if (failure.isEmpty()) {
                chosen = candidate;
            } else {
                verdicts.add(new EncoderChoice.Verdict(candidate, failure.get()));
            }
        }
        if (probed) {
            cache.save(answers);
        }
        if (chosen == null && asked == null) {
            chosen = VideoEncoder.X264;
        }
        return new EncoderChoice(Optional.ofNullable(chosen), Optional.ofNullable(asked), verdicts,
                !probed && !candidates.isEmpty());
    }

    /** Empty when {@code encoder} encoded the test picture, else why not in FFmpeg's words. */
    private Optional<String> probe(VideoEncoder encoder, FrameSize size, int fps) {
        long started = System.nanoTime();
        ExternalProcess.Output out = runner.run(command(encoder, size, fps));
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        Optional<String> failure = out.succeeded() ? Optional.empty() : Optional.of(reason(out.stderr()));
        LOG.info("Encoder probe {} at {}x{}@{}: {} ({} ms)", encoder.ffmpegName(), size.width(), size.height(), fps,
                failure.orElse("works"), tookMs);
        return failure;
    }

    /** The probe's command line: the chunks' encoder options on a test picture, to nowhere. */
    List<String> command(VideoEncoder encoder, FrameSize size, int fps) {
        List<String> args = new ArrayList<>(encoder.deviceArguments());
        args.addAll(List.of("-f", "lavfi", "-i", "testsrc2=size=" + size.width() + "x" + size.height() + ":rate="
                + fps, "-frames:v", Integer.toString(FRAMES), "-vf", encoder.filterFormat()));
        args.addAll(encoder.codecArguments(size));
        args.addAll(List.of("-fps_mode", "cfr", "-r", Integer.toString(fps),
                "-force_key_frames", FfmpegCommand.keyframesEvery("0.1"), "-f", "null", "-"));
        return FfmpegCommandLine.of(List.of(ffmpeg.toString())).with(args);
    }

    /**
     * The first line FFmpeg logged at error level, without its component prefix: the cause ("Cannot load
     * libcuda.so.1", "No VA display found for device …", "Unknown encoder 'h264_amf'"); the lines after it are
     * its consequences ("Error while opening encoder …"). One line, for the log and the window.
     */
    static String reason(String stderr) {
        for (String line : stderr.strip().split("\\R")) {
            String text = COMPONENT.matcher(line.strip()).replaceFirst("").strip();
            if (!text.isEmpty() && !WINE_CHATTER.matcher(text).find()) {
                return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
            }
        }
        return "FFmpeg failed without a word";
    }
}
