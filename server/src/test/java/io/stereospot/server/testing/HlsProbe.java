package io.stereospot.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.media.FfmpegBinaries;
import io.stereospot.media.process.ExternalProcess;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What FFmpeg's own HLS reader makes of a playlist URL: frames decoded, errors, timestamp order, duration. */
public final class HlsProbe {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private HlsProbe() {
    }

    public record Report(long videoFrames, long audioFrames, double durationSeconds, String decodeErrors,
            List<String> nonMonotonic) {
    }

    public static Report of(URI playlist) throws IOException, InterruptedException {
        String ffprobe = FfmpegBinaries.ffprobe().toString();
        ExternalProcess.Result counted = ExternalProcess.run(List.of(ffprobe, "-v", "error", "-count_frames",
                "-show_entries", "stream=codec_type,nb_read_frames:format=duration", "-of", "json",
                playlist.toString()), null, TIMEOUT);
        if (!counted.succeeded()) {
            throw new IOException("ffprobe failed on " + playlist + ": " + counted.stderrTail());
        }
        JsonNode json = new ObjectMapper().readTree(counted.stdout());
        long video = 0;
        long audio = 0;
        for (JsonNode stream : json.path("streams")) {
            long n = stream.path("nb_read_frames").asLong();
            switch (stream.path("codec_type").asText()) {
                case "video" -> video += n;
                case "audio" -> audio += n;
                default -> { }
            }
        }
        double duration = json.path("format").path("duration").asDouble();

        // A full decode: FFmpeg reports broken joins ("non monotonically increasing dts", missing references) here.
        ExternalProcess.Result decoded = ExternalProcess.run(List.of(FfmpegBinaries.ffmpeg().toString(), "-nostdin",
                "-hide_banner", "-v", "error", "-i", playlist.toString(), "-f", "null", "-"), null, TIMEOUT);
        String errors = decoded.succeeded() ? decoded.stderrTail() : "exit " + decoded.exitCode() + ": "
                + decoded.stderrTail();

        ExternalProcess.Result packets = ExternalProcess.run(List.of(ffprobe, "-v", "error", "-show_entries",
                "packet=stream_index,dts_time", "-of", "csv=p=0", playlist.toString()), null, TIMEOUT);
        Map<String, Double> lastDts = new HashMap<>();
        List<String> nonMonotonic = new java.util.ArrayList<>();
        for (String line : packets.stdout().split("\n")) {
            String[] f = line.strip().split(",");
            if (f.length < 2 || "N/A".equals(f[1])) {
                continue;
            }
            double dts = Double.parseDouble(f[1]);
            Double before = lastDts.put(f[0], dts);
            if (before != null && dts <= before) {
                nonMonotonic.add("stream " + f[0] + ": " + before + " then " + dts);
            }
        }
        return new Report(video, audio, duration, errors, nonMonotonic);
    }
}
