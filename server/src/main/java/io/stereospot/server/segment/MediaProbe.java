package io.stereospot.server.segment;

import io.stereospot.media.FfmpegBinaries;
import io.stereospot.media.process.ExternalProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Asks the bundled ffprobe about a media file. */
final class MediaProbe {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

    private MediaProbe() {
    }

    /**
     * The container's duration: the longer of its audio and video tracks. Segment offsets are summed from this
     * figure so the next segment's first packet never lands before the previous one's last.
     */
    static double durationSeconds(Path media) throws IOException, InterruptedException {
        ExternalProcess.Result result = ExternalProcess.run(List.of(FfmpegBinaries.ffprobe().toString(),
                "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", media.toString()),
                null, PROBE_TIMEOUT);
        String out = result.stdout().strip();
        if (!result.succeeded() || out.isEmpty() || "N/A".equals(out)) {
            throw new IOException("ffprobe could not read the duration of " + media.getFileName() + ": "
                    + result.stderrTail());
        }
        try {
            double seconds = Double.parseDouble(out);
            if (!(seconds > 0)) {
                throw new IOException(media.getFileName() + " has no playable length (" + out + " s).");
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new IOException("ffprobe gave an unreadable duration for " + media.getFileName() + ": " + out, e);
        }
    }
}
