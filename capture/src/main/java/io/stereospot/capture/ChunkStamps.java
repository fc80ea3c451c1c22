package io.stereospot.capture;

import io.stereospot.capture.ffmpeg.InputStarts;
import io.stereospot.capture.upload.S3ChunkStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When each chunk was captured, as the chunk store writes it on the upload: chunk {@code i} starts at time zero plus
 * {@code i} chunk durations. Time zero is at first the moment FFmpeg is started, then the wall time of the picture's
 * first frame once FFmpeg has printed its inputs; a chunk waits for that before its upload. After a step-down
 * (issue 27) a new FFmpeg's chunks start at {@code firstIndex}: its first frame is then chunk {@code firstIndex}'s
 * start. That FFmpeg starts while the old one still finishes its last chunk, so its stamps reach the store only when
 * it takes over ({@link #apply}).
 */
final class ChunkStamps {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkStamps.class);
    private static final long FINAL_WAIT_MS = 5_000;

    private final S3ChunkStore store;
    private final long chunkDurationMs;
    private final int firstIndex;
    private final CompletableFuture<Void> isFinal = new CompletableFuture<>();
    private volatile Instant firstFrame;
    private volatile boolean applied;

    /** Stamps from {@code now} until {@link #follow} knows better. */
    ChunkStamps(S3ChunkStore store, long chunkDurationMs, Instant now) {
        this(store, chunkDurationMs, now, 0, true);
    }

    private ChunkStamps(S3ChunkStore store, long chunkDurationMs, Instant now, int firstIndex, boolean applied) {
        this.store = store;
        this.chunkDurationMs = chunkDurationMs;
        this.firstIndex = firstIndex;
        this.applied = applied;
        capturedFrom(now);
    }

    /** Stamps for a step-down's FFmpeg, whose first chunk is {@code firstIndex}; the store's at {@link #apply}. */
    static ChunkStamps forStepDown(S3ChunkStore store, long chunkDurationMs, Instant now, int firstIndex) {
        return new ChunkStamps(store, chunkDurationMs, now, firstIndex, false);
    }

    /** This FFmpeg's chunks are the ones uploaded from now: the store stamps from its time zero. */
    synchronized void apply() {
        applied = true;
        capturedFrom(firstFrame);
    }

    /** The wall time of this FFmpeg's first frame (or its start), once final: where a join's gap is measured. */
    Instant firstFrame() {
        return firstFrame;
    }

    /** Complete once the stamps are final ({@link #follow}). */
    CompletableFuture<Void> whenFinal() {
        return isFinal.copy();
    }

    private synchronized void capturedFrom(Instant at) {
        firstFrame = at;
        if (applied) {
            store.capturedFrom(at.minusMillis(firstIndex * chunkDurationMs), chunkDurationMs);
        }
    }

    /** Stamps from FFmpeg's inputs once it has printed them; final then, or when it never does. */
    void follow(CompletableFuture<InputStarts> inputStarts, int pictureInput, Instant processStart) {
        inputStarts.thenAccept(starts -> stampFrom(starts, pictureInput, processStart))
                .whenComplete((done, failure) -> isFinal.complete(null));
    }

    /**
     * Stamps the chunks from the wall time of the picture's first frame, which is the chunks' time zero, when FFmpeg
     * printed one (x11grab, gdigrab); else from FFmpeg's start, a fraction of a second early (PulseAudio opens
     * first, in 0.4–1.3 s): ddagrab and the macOS grabber print no wall time.
     */
    private void stampFrom(InputStarts starts, int pictureInput, Instant processStart) {
        Optional<Instant> firstFrame = starts.wallClockStart(pictureInput, processStart);
        firstFrame.ifPresentOrElse(at -> {
            capturedFrom(at);
            LOG.info("Chunks stamped from the first frame, {} ms after FFmpeg started",
                    Duration.between(processStart, at).toMillis());
        }, () -> {
            capturedFrom(processStart);
            LOG.info("Chunks stamped from FFmpeg's start: input {} printed no wall-clock start ({})", pictureInput,
                    starts.startSeconds(pictureInput).map(String::valueOf).orElse("none"));
        });
    }

    /**
     * Holds a completed chunk until the stamps are final: FFmpeg dumps its inputs before it writes anything, so
     * this waits only if the stderr reader is that far behind; bounded, since the stamps stay usable (early).
     */
    void awaitFinal() {
        try {
            isFinal.get(FINAL_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("Chunks keep FFmpeg's start as their stamp: its inputs' starts were not read in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
