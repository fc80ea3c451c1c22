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
 * first frame once FFmpeg has printed its inputs; a chunk waits for that before its upload.
 */
final class ChunkStamps {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkStamps.class);
    private static final long FINAL_WAIT_MS = 5_000;

    private final S3ChunkStore store;
    private final long chunkDurationMs;
    private final CompletableFuture<Void> isFinal = new CompletableFuture<>();

    /** Stamps from {@code now} until {@link #follow} knows better. */
    ChunkStamps(S3ChunkStore store, long chunkDurationMs, Instant now) {
        this.store = store;
        this.chunkDurationMs = chunkDurationMs;
        store.capturedFrom(now, chunkDurationMs);
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
            store.capturedFrom(at, chunkDurationMs);
            LOG.info("Chunks stamped from the first frame, {} ms after FFmpeg started",
                    Duration.between(processStart, at).toMillis());
        }, () -> {
            store.capturedFrom(processStart, chunkDurationMs);
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
