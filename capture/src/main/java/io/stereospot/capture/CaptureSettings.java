package io.stereospot.capture;

import io.stereospot.capture.ffmpeg.VideoEncoder;
import io.stereospot.capture.source.CaptureSource;
import io.stereospot.contract.CreateSessionRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a {@link Broadcast} needs to know about what to capture and how.
 *
 * @param source          the screen or window
 * @param resolution      output size; the source is scaled to fit, aspect kept, padded
 * @param systemAudio     capture what the computer plays
 * @param microphone      capture the default microphone (mixed with system audio when both are on)
 * @param fps             frames per second (30)
 * @param chunkDurationMs length of each chunk (5000)
 * @param spoolDir        where finished chunks wait for upload (deleted once uploaded); null = a temp folder
 * @param mode            the 3D format asked of the server ({@code sbs})
 * @param maxDuration     stop by itself once this much stream is encoded (DURATION_REACHED); null = until stopped
 * @param encoder         the H.264 encoder asked for by name; null = auto: the first hardware encoder that passes
 *                        its probe, else libx264 (a named one that fails its probe stops the start with a sentence)
 */
public record CaptureSettings(
        CaptureSource source,
        Resolution resolution,
        boolean systemAudio,
        boolean microphone,
        int fps,
        long chunkDurationMs,
        Path spoolDir,
        String mode,
        Duration maxDuration,
        VideoEncoder encoder) {

    public static final int DEFAULT_FPS = 30;
    public static final long DEFAULT_CHUNK_DURATION_MS = 5000;

    public CaptureSettings {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(resolution, "resolution");
        if (fps <= 0 || fps > 120) {
            throw new IllegalArgumentException("fps must be 1..120");
        }
        if (chunkDurationMs < 1000) {
            throw new IllegalArgumentException("chunkDurationMs must be at least 1000");
        }
        if (mode == null) {
            mode = CreateSessionRequest.DEFAULT_MODE;
        }
        if (maxDuration != null && (maxDuration.isNegative() || maxDuration.isZero())) {
            throw new IllegalArgumentException("maxDuration must be positive");
        }
    }

    /** With the encoder chosen automatically. */
    public CaptureSettings(CaptureSource source, Resolution resolution, boolean systemAudio, boolean microphone,
            int fps, long chunkDurationMs, Path spoolDir, String mode, Duration maxDuration) {
        this(source, resolution, systemAudio, microphone, fps, chunkDurationMs, spoolDir, mode, maxDuration, null);
    }

    /** 720p30, 5 s chunks, no audio, temp spool, sbs, until stopped, the encoder chosen automatically. */
    public static CaptureSettings defaults(CaptureSource source) {
        return new CaptureSettings(source, Resolution.P720, false, false, DEFAULT_FPS, DEFAULT_CHUNK_DURATION_MS,
                null, CreateSessionRequest.DEFAULT_MODE, null);
    }

    public CaptureSettings withResolution(Resolution value) {
        return new CaptureSettings(source, value, systemAudio, microphone, fps, chunkDurationMs, spoolDir, mode,
                maxDuration, encoder);
    }

    public CaptureSettings withSystemAudio(boolean value) {
        return new CaptureSettings(source, resolution, value, microphone, fps, chunkDurationMs, spoolDir, mode,
                maxDuration, encoder);
    }

    public CaptureSettings withMicrophone(boolean value) {
        return new CaptureSettings(source, resolution, systemAudio, value, fps, chunkDurationMs, spoolDir, mode,
                maxDuration, encoder);
    }

    public CaptureSettings withSpoolDir(Path value) {
        return new CaptureSettings(source, resolution, systemAudio, microphone, fps, chunkDurationMs, value, mode,
                maxDuration, encoder);
    }

    public CaptureSettings withMaxDuration(Duration value) {
        return new CaptureSettings(source, resolution, systemAudio, microphone, fps, chunkDurationMs, spoolDir, mode,
                value, encoder);
    }

    /** @param value null for auto */
    public CaptureSettings withEncoder(VideoEncoder value) {
        return new CaptureSettings(source, resolution, systemAudio, microphone, fps, chunkDurationMs, spoolDir, mode,
                maxDuration, value);
    }

    public CaptureSettings withSource(CaptureSource value) {
        return new CaptureSettings(value, resolution, systemAudio, microphone, fps, chunkDurationMs, spoolDir, mode,
                maxDuration, encoder);
    }
}
