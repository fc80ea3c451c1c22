package io.stereospot.capture.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.media.FfmpegBinaries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** What ffprobe and ffmpeg say about one chunk file: codecs, keyframes, durations, loudness, flashes and beeps. */
public final class ChunkProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Streams(String videoCodec, String audioCodec, int width, int height, double videoStart,
                          double videoDuration, long videoFrames, double audioStart, int audioRate,
                          int audioChannels, double formatDuration) {
    }

    private ChunkProbe() {
    }

    public static Streams streams(Path chunk) {
        JsonNode root = json(run(List.of(FfmpegBinaries.ffprobe().toString(), "-v", "error", "-count_packets",
                "-show_entries", "stream=codec_type,codec_name,width,height,start_time,duration,nb_read_packets,"
                        + "sample_rate,channels:format=duration", "-of", "json", chunk.toString())));
        String videoCodec = null;
        String audioCodec = null;
        int width = 0;
        int height = 0;
        int rate = 0;
        int channels = 0;
        double videoStart = 0;
        double videoDuration = 0;
        double audioStart = 0;
        long frames = 0;
        for (JsonNode stream : root.path("streams")) {
            if ("video".equals(stream.path("codec_type").asText())) {
                videoCodec = stream.path("codec_name").asText();
                width = stream.path("width").asInt();
                height = stream.path("height").asInt();
                videoStart = stream.path("start_time").asDouble();
                videoDuration = stream.path("duration").asDouble();
                frames = stream.path("nb_read_packets").asLong();
            } else if ("audio".equals(stream.path("codec_type").asText())) {
                audioCodec = stream.path("codec_name").asText();
                audioStart = stream.path("start_time").asDouble();
                rate = stream.path("sample_rate").asInt();
                channels = stream.path("channels").asInt();
            }
        }
        return new Streams(videoCodec, audioCodec, width, height, videoStart, videoDuration, frames, audioStart,
                rate, channels, root.path("format").path("duration").asDouble());
    }

    /** One frame {@code atSeconds} into the chunk, scaled to {@code width}×{@code height}, as RGB bytes. */
    public static byte[] frameRgb(Path chunk, double atSeconds, int width, int height) {
        return runBytes(List.of(FfmpegBinaries.ffmpeg().toString(), "-v", "error", "-ss",
                String.valueOf(atSeconds), "-i", chunk.toString(), "-frames:v", "1", "-vf",
                "scale=" + width + ":" + height, "-f", "rawvideo", "-pix_fmt", "rgb24", "-"));
    }

    /** Whether the first video frame (in decode order) is a keyframe. */
    public static boolean startsWithKeyframe(Path chunk) {
        String out = run(List.of(FfmpegBinaries.ffprobe().toString(), "-v", "error", "-select_streams", "v:0",
                "-read_intervals", "%+#1", "-show_entries", "packet=flags", "-of", "csv=p=0", chunk.toString()));
        return out.strip().startsWith("K");
    }

    /** Mean volume of the audio track in dB (silence is about -91). */
    public static double meanVolumeDb(Path chunk) {
        String out = run(List.of(FfmpegBinaries.ffmpeg().toString(), "-hide_banner", "-nostats", "-i",
                chunk.toString(), "-map", "0:a", "-af", "volumedetect", "-f", "null", "-"));
        int at = out.indexOf("mean_volume:");
        if (at < 0) {
            throw new AssertionError("volumedetect said nothing: " + out);
        }
        return Double.parseDouble(out.substring(at + 12, out.indexOf("dB", at)).strip());
    }

    /** Mean volume (dB) of the audio in a narrow band around {@code frequencyHz}: is that tone in the mix? */
    public static double bandVolumeDb(Path chunk, int frequencyHz) {
        String out = run(List.of(FfmpegBinaries.ffmpeg().toString(), "-hide_banner", "-nostats", "-i",
                chunk.toString(), "-map", "0:a", "-af", "bandpass=f=" + frequencyHz + ":width_type=h:w=40,"
                        + "bandpass=f=" + frequencyHz + ":width_type=h:w=40,volumedetect", "-f", "null", "-"));
        int at = out.indexOf("mean_volume:");
        return Double.parseDouble(out.substring(at + 12, out.indexOf("dB", at)).strip());
    }

    /** Presentation times (s) of the frames where the picture turns bright after being dark: the flashes. */
    public static List<Double> flashTimes(Path chunk) {
        String out = run(List.of(FfmpegBinaries.ffprobe().toString(), "-v", "error", "-f", "lavfi", "-i",
                "movie=" + lavfiPath(chunk) + ",scale=64:36,signalstats", "-show_entries",
                "frame=pts_time:frame_tags=lavfi.signalstats.YAVG", "-of", "csv=p=0"));
        List<Double> flashes = new ArrayList<>();
        boolean bright = true; // a chunk that starts mid-flash does not count its first frame as an onset
        for (String line : out.split("\n")) {
            String[] fields = line.strip().split(",");
            if (fields.length < 2) {
                continue;
            }
            double luma = Double.parseDouble(fields[1]);
            if (!bright && luma > 150) {
                flashes.add(Double.parseDouble(fields[0]));
            }
            bright = luma > 150;
        }
        return flashes;
    }

    /** Times (s) where the audio turns loud after at least 0.1 s of near-silence: the beeps. */
    public static List<Double> beepTimes(Path chunk, double audioStart) {
        byte[] pcm = runBytes(List.of(FfmpegBinaries.ffmpeg().toString(), "-v", "error", "-i", chunk.toString(),
                "-map", "0:a", "-ac", "1", "-ar", "48000", "-f", "s16le", "-"));
        ByteBuffer samples = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
        List<Double> beeps = new ArrayList<>();
        int quietRun = 0;
        int count = pcm.length / 2;
        for (int i = 0; i < count; i++) {
            int value = Math.abs(samples.getShort(i * 2));
            if (value > 2000) {
                if (quietRun >= 4800) {
                    beeps.add(audioStart + i / 48000.0);
                }
                quietRun = 0;
            } else if (value < 200) {
                quietRun++;
            }
        }
        return beeps;
    }

    private static String lavfiPath(Path file) {
        return file.toString().replace("\\", "\\\\").replace(":", "\\\\:").replace(",", "\\,");
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String run(List<String> command) {
        return new String(runBytes(command, true), StandardCharsets.UTF_8);
    }

    static byte[] runBytes(List<String> command) {
        return runBytes(command, false);
    }

    private static byte[] runBytes(List<String> command, boolean mergeStderr) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(mergeStderr);
            if (!mergeStderr) {
                builder.redirectError(ProcessBuilder.Redirect.DISCARD);
            }
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
                try {
                    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                    process.getInputStream().transferTo(buffer);
                    return buffer.toByteArray();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " took over a minute");
            }
            byte[] bytes = out.join();
            if (process.exitValue() != 0) {
                throw new AssertionError(command + " exited " + process.exitValue() + ": "
                        + new String(bytes, StandardCharsets.UTF_8));
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
