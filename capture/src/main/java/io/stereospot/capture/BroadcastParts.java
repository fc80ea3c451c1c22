package io.stereospot.capture;

import io.stereospot.capture.ffmpeg.FfmpegCommand;
import io.stereospot.capture.ffmpeg.FfmpegProcess;
import io.stereospot.capture.ffmpeg.SegmentListWatcher;
import io.stereospot.capture.quality.QualityStep;
import io.stereospot.capture.upload.ChunkUploader;
import io.stereospot.capture.upload.S3ChunkStore;
import io.stereospot.contract.StreamSession;

/**
 * What {@link StartSequence} made, in the order it makes them. A start that stopped short (a Stop, a refusal, a
 * failure) made only the first few: the later ones are null and the picture's feed {@link PictureFeed#NONE}, so the
 * run takes down exactly what exists.
 *
 * @param session    the server's session, which the run ends
 * @param chunkStore where the uploader puts chunks; renewed credentials go here
 * @param stamps     when each chunk was captured; a chunk waits for them to be final before its upload
 * @param command    what FFmpeg runs; its folder holds its chunks
 * @param step       the size and rate it captures at
 * @param firstIndex the index of this FFmpeg's first chunk: 0, or where a step-down went on (issue 27)
 */
record BroadcastParts(PictureFeed video, StreamSession session, Spool spool, S3ChunkStore chunkStore,
        ChunkUploader uploader, SegmentListWatcher segments, ChunkStamps stamps, FfmpegProcess ffmpeg,
        FfmpegCommand command, QualityStep step, int firstIndex) {

    /** Before the start, or a start that made nothing. */
    static final BroadcastParts NONE = new BroadcastParts(PictureFeed.NONE, null, null, null, null, null, null, null,
            null, null, 0);

    /** The same broadcast with the FFmpeg started after a step-down in place of this one's. */
    BroadcastParts steppedDown(SegmentListWatcher nextSegments, ChunkStamps nextStamps, FfmpegProcess nextFfmpeg,
            FfmpegCommand nextCommand, QualityStep nextStep, int nextFirstIndex) {
        return new BroadcastParts(video, session, spool, chunkStore, uploader, nextSegments, nextStamps, nextFfmpeg,
                nextCommand, nextStep, nextFirstIndex);
    }

    /**
     * Stops capturing: the picture's feed first (FFmpeg then reads the end of its pipe instead of waiting in a read on
     * a stream that may have stopped), then FFmpeg, gracefully when what it finishes will be uploaded, else killed;
     * then the watcher, which then reads the list's last lines (FFmpeg has exited: the list is final) for upload.
     */
    void stopCapture(boolean uploadRest, long ffmpegGraceMs) {
        video.close();
        if (ffmpeg != null) {
            if (uploadRest) {
                ffmpeg.stop(ffmpegGraceMs);
            } else {
                ffmpeg.kill();
            }
        }
        if (segments != null) {
            segments.close();
            if (uploadRest) {
                segments.drain();
            }
        }
    }
}
