package io.stereospot.capture.ffmpeg;

/**
 * One block of FFmpeg's {@code -progress} output, as read. The broadcast passes it on to its listener as an
 * {@code EncoderProgress}; this package keeps its own type so it depends on nothing above it.
 *
 * @param frames           frames encoded so far
 * @param fps              encoding rate now
 * @param speed            encoded media time over wall time (1.0 = keeping up with real time)
 * @param droppedFrames    frames dropped so far to keep the rate
 * @param duplicatedFrames frames repeated so far to keep the rate
 * @param outTimeMs        media time encoded so far
 */
public record ProgressReport(long frames, double fps, double speed, long droppedFrames, long duplicatedFrames,
                             long outTimeMs) {
}
