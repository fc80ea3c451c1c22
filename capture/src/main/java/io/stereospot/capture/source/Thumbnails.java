package io.stereospot.capture.source;

import io.stereospot.media.FfmpegBinaries;
import io.stereospot.media.FfmpegCommandLine;
import io.stereospot.media.process.ExternalProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One frame of a source as a small PNG, taken by the bundled FFmpeg: the picker's thumbnail on every platform. */
final class Thumbnails {

    private Thumbnails() {
    }

    /**
     * @param input the grabber's input options, from {@code -f} to {@code -i …} inclusive
     * @throws SourceUnavailableException with FFmpeg's first error line when no picture came out
     */
    static byte[] grab(CaptureSource source, List<String> input, int maxWidth, Map<String, String> environment,
            long timeoutMs) {
        return grab(source, List.of(FfmpegBinaries.ffmpeg().toString()), input, maxWidth, environment, timeoutMs);
    }

    /** Like {@link #grab(CaptureSource, List, int, Map, long)} with FFmpeg started by {@code program}. */
    static byte[] grab(CaptureSource source, List<String> program, List<String> input, int maxWidth,
            Map<String, String> environment, long timeoutMs) {
        List<String> command = new ArrayList<>(FfmpegCommandLine.of(program).with(input));
        command.addAll(List.of("-frames:v", "1", "-vf", "scale='min(" + maxWidth + ",iw)':-2",
                "-f", "image2pipe", "-c:v", "png", "-"));
        ExternalProcess.Output result = ExternalProcess.attempt(command, environment, Duration.ofMillis(timeoutMs));
        if (!result.succeeded() || result.stdout().length == 0) {
            throw new SourceUnavailableException("Could not take a picture of " + source.label() + ": "
                    + result.stderrFirstLine());
        }
        return result.stdout();
    }
}
