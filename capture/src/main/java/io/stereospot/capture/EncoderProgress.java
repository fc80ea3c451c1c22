package io.stereospot.capture;

import io.stereospot.capture.ffmpeg.ProgressReport;

/**
 * One FFmpeg progress report.
 *
 * @param frames        frames encoded so far
 * @param fps           encoding rate now
 * @param speed         encoded media time over wall time (1.0 = keeping up with real time)
 * @param droppedFrames frames dropped so far to keep the rate
 * @param duplicatedFrames frames repeated so far to keep the rate
 * @param outTimeMs     media time encoded so far
 */
public record EncoderProgress(long frames, double fps, double speed, long droppedFrames, long duplicatedFrames,
                              long outTimeMs) {

    /** FFmpeg's report as the listener hears it. */
    static EncoderProgress of(ProgressReport report) {
        return new EncoderProgress(report.frames(), report.fps(), report.speed(), report.droppedFrames(),
                report.duplicatedFrames(), report.outTimeMs());
    }
}
