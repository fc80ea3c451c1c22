package io.stereospot.server.testing;

import io.stereospot.media.FfmpegBinaries;
import io.stereospot.media.process.ExternalProcess;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Chunks as the capture engine makes them (5 s MP4, H.264 + AAC, keyframe first), made here by FFmpeg itself from
 * a test pattern and a tone, so playback is tested independently of our capture code.
 */
public final class TestChunks {

    public static final int FRAME_RATE = 30;
    public static final int CHUNK_SECONDS = 5;
    public static final int FRAMES_PER_CHUNK = FRAME_RATE * CHUNK_SECONDS;

    private TestChunks() {
    }

    /** {@code count} chunks {@code chunk_00000.mp4 …} in {@code dir}, at {@code width}×{@code height}. */
    public static List<Path> make(Path dir, int count, int width, int height) throws IOException,
            InterruptedException {
        Files.createDirectories(dir);
        int seconds = count * CHUNK_SECONDS;
        List<String> command = List.of(FfmpegBinaries.ffmpeg().toString(), "-nostdin", "-hide_banner",
                "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=" + FRAME_RATE,
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-t", String.valueOf(seconds),
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                "-force_key_frames", "expr:gte(t,n_forced*" + CHUNK_SECONDS + ")",
                "-c:a", "aac", "-b:a", "96k",
                "-f", "segment", "-segment_time", String.valueOf(CHUNK_SECONDS), "-reset_timestamps", "1",
                "-segment_format", "mp4", dir.resolve("chunk_%05d.mp4").toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("ffmpeg.log").toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("FFmpeg could not make test chunks: " + Files.readString(dir.resolve("ffmpeg.log")));
        }
        List<Path> chunks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path chunk = dir.resolve(String.format("chunk_%05d.mp4", i));
            if (!Files.isRegularFile(chunk)) {
                throw new IOException("FFmpeg made fewer chunks than asked: " + chunk.getFileName() + " is missing");
            }
            chunks.add(chunk);
        }
        return chunks;
    }

    /** One chunk {@code name}.mp4 in {@code dir}: {@code picture} held still for 5 s at 30 fps, and a tone. */
    public static Path still(BufferedImage picture, Path dir, String name) throws IOException, InterruptedException {
        Path png = dir.resolve(name + ".png");
        ImageIO.write(picture, "png", png.toFile());
        Path chunk = dir.resolve(name + ".mp4");
        ExternalProcess.Result r = ExternalProcess.run(List.of(FfmpegBinaries.ffmpeg().toString(), "-nostdin",
                "-hide_banner", "-loglevel", "error", "-y", "-loop", "1", "-framerate", String.valueOf(FRAME_RATE),
                "-i", png.toString(), "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-t", String.valueOf(CHUNK_SECONDS), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-b:a", "96k", "-f", "mp4", chunk.toString()), null, Duration.ofSeconds(60));
        if (!r.succeeded()) {
            throw new IOException("FFmpeg could not make the still chunk: " + r.stderrTail());
        }
        return chunk;
    }
}
