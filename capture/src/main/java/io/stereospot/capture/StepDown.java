package io.stereospot.capture;

import io.stereospot.capture.ffmpeg.FfmpegCommand;
import io.stereospot.capture.ffmpeg.FfmpegProcess;
import io.stereospot.capture.ffmpeg.SegmentListWatcher;
import io.stereospot.capture.quality.QualityStep;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A step-down at a chunk boundary (issue 27), on the run's control thread right after a chunk was handed over: the
 * running FFmpeg is ended at once and the few frames it had of the next chunk are dropped (asking it to finish took
 * over 3 s here while an overloaded encoder worked off its backlog, for about 1 s of stream: a longer hole than the
 * one it saved); the watcher's last lines hand over anything still listed; then FFmpeg starts again at the lower
 * step in a folder of its own, its chunk 0 being the next index. Indices stay contiguous and the uploader keeps its
 * one order. What the join costs the sound is the time from the end of the last whole chunk to the new FFmpeg's
 * first frame, measured from both runs' first-frame stamps and told once the new run's stamps are final.
 */
final class StepDown {

    private static final Logger LOG = LoggerFactory.getLogger(StepDown.class);
    private StepDown() {
    }

    /**
     * @param old            the parts now running
     * @param lastIndex      the highest chunk index handed over, asked once the old FFmpeg's list is drained
     * @param encoderEvents  what the new FFmpeg tells
     * @param handOver       the run's handoff for the new FFmpeg's chunks, given its parts once they exist
     * @param told           hears the sentence on the join, with its gap
     * @return the parts with the new FFmpeg in place
     */
    static BroadcastParts make(BroadcastSettings config, BroadcastParts old, QualityStep next, IntSupplier lastIndex,
            FfmpegProcess.Events encoderEvents, Function<CompletableFuture<BroadcastParts>, SegmentListWatcher.Listener> handOver,
            Consumer<String> told) throws IOException {
        old.ffmpeg().kill();
        old.segments().close();
        old.segments().drain();
        int firstIndex = lastIndex.getAsInt() + 1;
        long chunkMs = config.capture().chunkDurationMs();
        FfmpegCommand command = old.command().at(next.size(), next.fps(),
                old.spool().dir().resolve(String.format(Locale.ROOT, "from-%05d", firstIndex)));
        command.createFolders();
        CompletableFuture<BroadcastParts> made = new CompletableFuture<>();
        SegmentListWatcher segments = new SegmentListWatcher(command.segmentList(), handOver.apply(made));
        ChunkStamps stamps = new ChunkStamps(old.chunkStore(), chunkMs, Instant.now(), firstIndex);
        FfmpegProcess ffmpeg = FfmpegProcess.start(config.catalog().launcher(), command.arguments(),
                config.catalog().processEnvironment(), encoderEvents);
        stamps.follow(ffmpeg.inputStarts(), command.pictureInput(), ffmpeg.startedAt());
        BroadcastParts parts = old.steppedDown(segments, stamps, ffmpeg, command, next, firstIndex);
        made.complete(parts);
        Instant oldEnd = old.stamps().firstFrame().plusMillis((firstIndex - old.firstIndex()) * chunkMs);
        stamps.whenFinal().thenRun(() -> {
            long gapMs = Duration.between(oldEnd, stamps.firstFrame()).toMillis();
            String sentence = String.format(Locale.ROOT, "Quality Auto stepped down from %s to %s at chunk %d "
                    + "to keep the stream smooth; the sound skips about %.1f s at that join.", old.step().spoken(),
                    next.spoken(), firstIndex, gapMs / 1000.0);
            LOG.info("{} (gap {} ms)", sentence, gapMs);
            told.accept(sentence);
        });
        return parts;
    }
}
