package io.stereospot.server.convert;

import io.stereospot.contract.ChunkKey;
import io.stereospot.media.FfmpegBinaries;
import io.stereospot.media.FfmpegCommandLine;
import io.stereospot.media.process.ChildProcesses;
import io.stereospot.media.process.ExternalProcess;
import io.stereospot.server.convert.depth.ApproximateDepth;
import io.stereospot.server.convert.depth.DepthEstimator;
import io.stereospot.server.convert.depth.DepthPipeline;
import io.stereospot.server.convert.depth.DepthRange;
import io.stereospot.server.convert.depth.DepthSessions;
import io.stereospot.server.convert.depth.DepthSource;
import io.stereospot.server.convert.depth.DepthStatus;
import io.stereospot.server.convert.depth.Y4mStream;
import io.stereospot.server.convert.depth.model.DepthModelLoop;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Half side-by-side with depth: each frame gets a depth map ({@link DepthEstimator}); the frame itself is the left
 * view and a right view is rendered from it and its depth ({@link io.stereospot.server.convert.depth.StereoRenderer}).
 * The segment is otherwise what {@link SbsConverter} makes: the same size ({@code --sbs-size}), encoder settings,
 * keyframe cadence and frame timestamps, with the audio copied, so parts, continuity and the playlist see no
 * difference.
 *
 * <p>One FFmpeg decodes and scales to the half size and writes YUV4MPEG2 to its stdout; Java renders; a second
 * FFmpeg encodes from its stdin and takes the audio from the chunk. The three run as a pipeline, so on two cores the
 * render overlaps the encode. Both FFmpegs run at low priority ({@link ConverterProcesses}); the render itself runs in
 * this JVM at its priority, about 0.4 s of CPU a 720p chunk (docs/benchmarks.md, "Depth converter"). Raw frames
 * rather than RGB: the decoder's and the encoder's own yuv420p, so no colour conversion at video size. This class is
 * in the converters' package (not {@code convert.depth}) because it shares {@link SbsConverter}'s encoder settings.
 */
final class DepthConverter implements Converter {

    private static final long TIMEOUT_SECONDS = 300;
    private static final int BUFFER_BYTES = 1 << 20;

    private final int widthPx;
    private final int heightPx;
    private final DepthSettings settings;
    private final Supplier<DepthEstimator> estimators;
    private final DepthStatus status;
    private final AutoCloseable owned;
    private DepthEstimator lastEstimator;
    private DepthSessions sessions = new DepthSessions();

    /** A size of 0×0 keeps the source's size, as {@link SbsConverter} does. */
    DepthConverter(int widthPx, int heightPx, DepthSettings settings, DepthEstimator estimator) {
        this(widthPx, heightPx, settings, () -> estimator, new DepthStatus(estimator instanceof ApproximateDepth
                ? new DepthSource.Approximate("No depth model is used here.")
                : new DepthSource.Model(estimator.describe())), () -> { });
    }

    /** With the model fetched in the background: each chunk takes what {@code models} has ready when it starts. */
    DepthConverter(int widthPx, int heightPx, DepthSettings settings, DepthModelLoop models) {
        this(widthPx, heightPx, settings, models::estimator, models.status(), models);
    }

    private DepthConverter(int widthPx, int heightPx, DepthSettings settings, Supplier<DepthEstimator> estimators,
            DepthStatus status, AutoCloseable owned) {
        this.widthPx = widthPx;
        this.heightPx = heightPx;
        this.settings = settings;
        this.estimators = estimators;
        this.status = status;
        this.owned = owned;
    }

    @Override
    public String name() {
        return "depth";
    }

    DepthSettings settings() {
        return settings;
    }

    /** What makes the depth, e.g. "approximate depth (no model)". */
    String describeEstimator() {
        return estimators.get().describe();
    }

    @Override
    public Optional<DepthStatus> depthStatus() {
        return Optional.of(status);
    }

    /**
     * The estimator for the chunk starting now. When it changes (the model has arrived), the sessions' depth ranges
     * start again: the model's values are on another scale, and an average over the old ones would clip them.
     */
    private synchronized DepthPipelineParts chunkParts(ChunkKey chunk) {
        DepthEstimator estimator = estimators.get();
        if (lastEstimator != null && estimator != lastEstimator) {
            sessions = new DepthSessions();
        }
        lastEstimator = estimator;
        return new DepthPipelineParts(estimator, sessions.of(chunk == null ? null : chunk.sessionId()));
    }

    private record DepthPipelineParts(DepthEstimator estimator, DepthRange range) {
    }

    @Override
    public void close() {
        try {
            owned.close();
        } catch (Exception e) {
            // Closing the model only frees memory; nothing to tell anyone.
        }
    }

    @Override
    public void convert(Path input, Path output) throws ConversionException, InterruptedException {
        convert(input, output, null);
    }

    @Override
    public void convert(Path input, Path output, ChunkKey chunk) throws ConversionException, InterruptedException {
        Path decodeLog = null;
        Path encodeLog = null;
        Process decoder = null;
        Process encoder = null;
        try {
            decodeLog = Files.createTempFile("depth-decode", ".log");
            encodeLog = Files.createTempFile("depth-encode", ".log");
            // The decoder needs no probe, so the probe runs while it loads; the encoder starts before the decoder's
            // first frame is in. Each FFmpeg takes a tenth of a second or more to load here, on every chunk.
            decoder = start(decodeCommand(input), decodeLog, false);
            String videoOffsetSeconds = videoOffsetSeconds(input);
            encoder = start(encodeCommand(videoOffsetSeconds, input, output), encodeLog, true);
            InputStream decoded = new BufferedInputStream(decoder.getInputStream(), BUFFER_BYTES);
            Y4mStream.Header header = Y4mStream.readHeader(decoded);
            DepthPipelineParts parts = chunkParts(chunk);
            DepthPipeline pipeline = new DepthPipeline(parts.estimator(), parts.range(), settings.strengthPercent(),
                    settings.convergence());
            try (OutputStream toEncoder = new BufferedOutputStream(encoder.getOutputStream(), BUFFER_BYTES)) {
                pipeline.run(decoded, header, toEncoder);
            }
            finish(decoder, "decode", decodeLog);
            finish(encoder, "encode", encodeLog);
        } catch (IOException e) {
            throw new ConversionException("The depth converter failed: " + e.getMessage() + tail(encodeLog)
                    + tail(decodeLog), e);
        } finally {
            destroy(decoder);
            destroy(encoder);
            delete(decodeLog);
            delete(encodeLog);
        }
    }

    /**
     * The video's frames from its first one: with {@code -copyts} the constant-rate raw output starts at the first
     * frame's own time instead of the chunk's start (measured: a chunk whose video starts 0.1 s after its audio, or
     * at 35.1 s, gives its 87 frames, not 90 or 91 with the first one repeated). The encoder puts the offset back.
     */
    List<String> decodeCommand(Path input) {
        String half = SbsConverter.halfScale(widthPx, heightPx);
        return FfmpegCommandLine.ffmpeg().with("-copyts", "-i", input.toString(), "-map", "0:v:0", "-vf", half + ",setsar=1", "-pix_fmt", "yuv420p",
                "-f", "yuv4mpegpipe", "pipe:1");
    }

    /**
     * @param videoOffsetSeconds where the chunk's video starts after its earliest stream ({@link #videoOffsetSeconds}):
     *                           raw frames carry no timestamps, so the video is started there again, as sbs keeps it
     */
    List<String> encodeCommand(String videoOffsetSeconds, Path input, Path output) {
        // The output is SbsConverter's, for the same reasons (see there), B-frames off included.
        List<String> command = new ArrayList<>(List.of("-itsoffset", videoOffsetSeconds, "-f", "yuv4mpegpipe",
                "-i", "pipe:0", "-i", input.toString(), "-map", "0:v", "-map", "1:a?"));
        command.addAll(SbsConverter.segmentOutput(output));
        return FfmpegCommandLine.ffmpeg().with(command);
    }

    /**
     * The video's start after the chunk's start (its earliest stream), e.g. "0.1" when the capture's audio began
     * first. The decoder's raw frames carry no time ({@link #decodeCommand}), and the encoder puts them back there.
     * (A setpts filter instead would lose the frame rate: FFmpeg then writes 25 fps.)
     */
    static String videoOffsetSeconds(Path input) throws IOException, InterruptedException {
        ExternalProcess.Result probe = ExternalProcess.run(List.of(FfmpegBinaries.ffprobe().toString(), "-v", "error",
                "-select_streams", "v:0", "-show_entries", "stream=start_time:format=start_time",
                "-of", "default=noprint_wrappers=1:nokey=1", input.toString()), null, Duration.ofSeconds(30));
        List<BigDecimal> starts = probe.stdout().lines().map(String::strip).filter(l -> l.matches("-?[0-9.]+"))
                .map(BigDecimal::new).toList();
        if (!probe.succeeded() || starts.size() != 2) {
            return "0";
        }
        BigDecimal offset = starts.get(0).subtract(starts.get(1));
        return offset.signum() > 0 ? offset.toPlainString() : "0";
    }

    private static Process start(List<String> command, Path log, boolean pipeIn) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ConverterProcesses.atLowPriority(command))
                .redirectError(log.toFile());
        if (!pipeIn) {
            builder.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        }
        return ChildProcesses.endWithJvm(builder.start());
    }

    private static void finish(Process process, String what, Path log) throws IOException, InterruptedException {
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IOException("the " + what + " FFmpeg did not finish within " + TIMEOUT_SECONDS + " s.");
        }
        if (process.exitValue() != 0) {
            throw new IOException("the " + what + " FFmpeg ended with exit status " + process.exitValue() + ".");
        }
    }

    private static String tail(Path log) {
        try {
            if (log == null || Files.size(log) == 0) {
                return "";
            }
            String text = Files.readString(log).strip();
            return " " + text.substring(Math.max(0, text.length() - 600));
        } catch (IOException e) {
            return "";
        }
    }

    private static void destroy(Process process) {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private static void delete(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // A temporary log left behind is harmless.
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
