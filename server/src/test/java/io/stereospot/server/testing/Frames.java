package io.stereospot.server.testing;

import io.stereospot.media.FfmpegBinaries;
import io.stereospot.media.process.ExternalProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Frames decoded to raw RGB by FFmpeg, and the few measures the tests compare them with. */
public final class Frames {

    private Frames() {
    }

    /** An RGB24 picture. */
    public record Rgb(int width, int height, byte[] pixels) {

        public Rgb crop(int x, int y, int w, int h) {
            byte[] out = new byte[w * h * 3];
            for (int row = 0; row < h; row++) {
                System.arraycopy(pixels, ((y + row) * width + x) * 3, out, row * w * 3, w * 3);
            }
            return new Rgb(w, h, out);
        }

        /** Mean absolute difference per channel value, 0–255. */
        public double meanAbsDiff(Rgb other) {
            if (other.width != width || other.height != height) {
                throw new IllegalArgumentException(width + "x" + height + " vs " + other.width + "x" + other.height);
            }
            long sum = 0;
            for (int i = 0; i < pixels.length; i++) {
                sum += Math.abs((pixels[i] & 0xff) - (other.pixels[i] & 0xff));
            }
            return (double) sum / pixels.length;
        }
    }

    /**
     * The frame at {@code seconds}, passed through {@code filter} (e.g. a scale; null for none), at the size the
     * result has ({@code width}×{@code height} must match it).
     */
    public static Rgb at(Path media, double seconds, String filter, int width, int height, Path workDir)
            throws IOException, InterruptedException {
        Path raw = Files.createTempFile(workDir, "frame-", ".rgb");
        List<String> command = new ArrayList<>(List.of(FfmpegBinaries.ffmpeg().toString(), "-nostdin",
                "-hide_banner", "-loglevel", "error", "-y", "-ss", String.valueOf(seconds), "-i", media.toString(),
                "-frames:v", "1"));
        if (filter != null) {
            command.addAll(List.of("-vf", filter));
        }
        command.addAll(List.of("-f", "rawvideo", "-pix_fmt", "rgb24", raw.toString()));
        ExternalProcess.Result result = ExternalProcess.run(command, null, Duration.ofSeconds(60));
        if (!result.succeeded()) {
            throw new IOException("Could not decode a frame: " + result.stderrTail());
        }
        byte[] pixels = Files.readAllBytes(raw);
        if (pixels.length != width * height * 3) {
            throw new IOException("Expected a " + width + "x" + height + " frame, got " + pixels.length + " bytes");
        }
        return new Rgb(width, height, pixels);
    }

    /** {@code ffprobe} of one stream's field, e.g. ("v:0", "width"). */
    public static String probe(Path media, String stream, String field) throws IOException, InterruptedException {
        ExternalProcess.Result result = ExternalProcess.run(List.of(FfmpegBinaries.ffprobe().toString(), "-v",
                "error", "-select_streams", stream, "-show_entries", "stream=" + field, "-of", "csv=p=0",
                media.toString()), null, Duration.ofSeconds(30));
        return result.stdout().strip();
    }
}
