package io.stereospot.capture;

import io.stereospot.capture.ffmpeg.FfmpegCommand;
import io.stereospot.capture.ffmpeg.FfmpegProcess;
import io.stereospot.capture.ffmpeg.FrameSize;
import io.stereospot.capture.ffmpeg.InputStarts;
import io.stereospot.capture.ffmpeg.SegmentListWatcher;
import io.stereospot.capture.session.SessionApiException;
import io.stereospot.capture.source.AudioSource;
import io.stereospot.capture.source.CaptureSource;
import io.stereospot.capture.source.SourceCatalog;
import io.stereospot.capture.source.SourceUnavailableException;
import io.stereospot.capture.source.VideoFeed;
import io.stereospot.capture.upload.ChunkUploader;
import io.stereospot.capture.upload.S3ChunkStore;
import io.stereospot.contract.StreamSession;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a broadcast up, cheapest check first: the source can be captured and is there, the audio inputs, the
 * picture's feed where FFmpeg cannot grab it itself (Wayland's portal, which may show the system's dialog), the
 * session, the spool, the uploader, the segment-list watcher, then FFmpeg. A Stop asked for meanwhile is honoured
 * before the session is created and right after. Every part made is kept here, so the run takes down exactly what
 * exists, whichever step the start got to.
 */
final class StartSequence {

    private static final Logger LOG = LoggerFactory.getLogger(StartSequence.class);
    private static final long STAMP_WAIT_MS = 5_000;

    private final Broadcast.Builder config;
    private final ListenerDispatch events;
    private final Supplier<StopReason> requestedStop;

    private volatile StreamSession session;
    private volatile Spool spool;
    private volatile S3ChunkStore chunkStore;
    private volatile ChunkUploader uploader;
    private volatile SegmentListWatcher segments;
    private volatile FfmpegProcess ffmpeg;
    private volatile VideoFeed video;
    /** Completes once the chunks' stamps are final: see {@link #stampFrom}. */
    private final CompletableFuture<Void> stamped = new CompletableFuture<>();

    /** @param requestedStop the Stop asked for so far, or null */
    StartSequence(Broadcast.Builder config, ListenerDispatch events, Supplier<StopReason> requestedStop) {
        this.config = config;
        this.events = events;
        this.requestedStop = requestedStop;
    }

    /** @return how the broadcast ends instead, or empty once FFmpeg runs */
    Optional<Ending> run(FfmpegProcess.Events encoderEvents, ChunkUploader.Events uploadEvents) {
        CaptureSettings settings = config.settings;
        SourceCatalog catalog = config.catalog;
        try {
            CaptureSource source = settings.source();
            Optional<String> problem = catalog.captureProblem(source);
            if (problem.isPresent()) {
                return Optional.of(new Ending(StopReason.CAPTURE_UNSUPPORTED, problem.get()));
            }
            catalog.platformWarning().ifPresent(w -> events.tell(l -> l.warning(w)));
            if (!catalog.isAvailable(source)) {
                return Optional.of(new Ending(StopReason.SOURCE_LOST, StopSentences.sourceLost(source, false)));
            }
            List<AudioSource> audio = chooseAudio(settings.systemAudio(), settings.microphone(),
                    catalog::audioSources, w -> events.tell(l -> l.warning(w)));
            if (requestedStop.get() != null) {
                return Optional.of(new Ending(requestedStop.get(), null));
            }
            video = catalog.openVideo(source, settings.resolution().width(), settings.resolution().height(),
                    settings.fps()).orElse(null);
            if (video != null) {
                String chosen = video.description();
                events.tell(l -> l.sourceChosen(chosen));
            }
            if (requestedStop.get() != null) {
                return Optional.of(new Ending(requestedStop.get(), null));
            }
            try {
                session = config.sessions.create(settings.mode());
            } catch (SessionApiException e) {
                return Optional.of(new Ending(e.isUnreachable() ? StopReason.SERVER_UNREACHABLE
                        : StopReason.SERVER_REJECTED, e.getMessage()));
            }
            StreamSession created = session;
            events.tell(l -> l.sessionStarted(created));
            if (requestedStop.get() != null) {
                return Optional.of(new Ending(requestedStop.get(), null));
            }
            spool = Spool.create(settings.spoolDir(), created.sessionId());
            Path chunkDir = spool.dir();
            FfmpegCommand command = new FfmpegCommand(catalog.platform(), catalog.ffmpeg(), source,
                    catalog.processEnvironment().get("DISPLAY"), catalog.openAudio(audio),
                    new FrameSize(settings.resolution().width(), settings.resolution().height()), settings.fps(),
                    settings.chunkDurationMs(), chunkDir, catalog.screenGrabber(),
                    video == null ? null : video.input());
            command.createFolders();
            chunkStore = new S3ChunkStore(created.sessionId(), created.upload());
            ChunkUploader up = new ChunkUploader(chunkStore, config.retryPolicy, uploadEvents);
            uploader = up;
            segments = new SegmentListWatcher(command.segmentList(), (chunk, completedAt) -> {
                awaitStamp();
                up.submit(chunk.index(), chunkDir.resolve(chunk.fileName()), completedAt);
            });
            chunkStore.capturedFrom(Instant.now(), settings.chunkDurationMs());
            ffmpeg = FfmpegProcess.start(catalog.launcher(), command.arguments(), catalog.processEnvironment(),
                    encoderEvents);
            FfmpegProcess started = ffmpeg;
            started.inputStarts().thenAccept(starts ->
                    stampFrom(starts, command.pictureInput(), started.startedAt(), settings.chunkDurationMs()))
                    .whenComplete((done, failure) -> stamped.complete(null));
            LOG.info("Capturing {} at {} into {}", source.id(), settings.resolution(), chunkDir);
            return Optional.empty();
        } catch (SourceUnavailableException e) {
            // A sentence for the person (no portal, the dialog cancelled, a missing plugin), not a fault.
            LOG.info("Broadcast could not start: {}", e.getMessage());
            return Optional.of(StopSentences.couldNotStart(e));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Broadcast could not start", e);
            return Optional.of(StopSentences.couldNotStart(e));
        }
    }

    /**
     * Stamps the chunks from the wall time of the picture's first frame, which is the chunks' time zero, when FFmpeg
     * printed one (x11grab, gdigrab); else from FFmpeg's start, a fraction of a second early (PulseAudio opens
     * first, in 0.4–1.3 s): ddagrab and the macOS grabber print no wall time.
     */
    private void stampFrom(InputStarts starts, int pictureInput, Instant processStart, long chunkDurationMs) {
        Optional<Instant> firstFrame = starts.wallClockStart(pictureInput, processStart);
        firstFrame.ifPresentOrElse(at -> {
            chunkStore.capturedFrom(at, chunkDurationMs);
            LOG.info("Chunks stamped from the first frame, {} ms after FFmpeg started",
                    Duration.between(processStart, at).toMillis());
        }, () -> {
            chunkStore.capturedFrom(processStart, chunkDurationMs);
            LOG.info("Chunks stamped from FFmpeg's start: input {} printed no wall-clock start ({})", pictureInput,
                    starts.startSeconds(pictureInput).map(String::valueOf).orElse("none"));
        });
    }

    /**
     * Holds a completed chunk until the stamps are final: FFmpeg dumps its inputs before it writes anything, so
     * this waits only if the stderr reader is that far behind; bounded, since the stamps stay usable (early).
     */
    private void awaitStamp() {
        try {
            stamped.get(STAMP_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("Chunks keep FFmpeg's start as their stamp: its inputs' starts were not read in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The audio inputs asked for that this computer has: system audio first, then the microphone. A missing one
     * is a warning, not a failure: the stream carries what there is, or silence.
     */
    static List<AudioSource> chooseAudio(boolean systemAudio, boolean microphone,
            Supplier<List<AudioSource>> available, Consumer<String> warn) {
        List<AudioSource> audio = new ArrayList<>();
        if (!systemAudio && !microphone) {
            return audio;
        }
        List<AudioSource> all = available.get();
        if (systemAudio) {
            all.stream().filter(a -> a.kind() == AudioSource.Kind.SYSTEM).findFirst().ifPresentOrElse(
                    audio::add, () -> warn.accept("System audio cannot be captured on this computer: the stream"
                            + " carries " + (microphone ? "the microphone only." : "silence.")));
        }
        if (microphone) {
            all.stream().filter(a -> a.kind() == AudioSource.Kind.MICROPHONE).findFirst().ifPresentOrElse(
                    audio::add, () -> warn.accept("No microphone was found: the stream carries "
                            + (audio.isEmpty() ? "silence." : "system audio only.")));
        }
        return audio;
    }

    /** How the broadcast ends because the picture's feed ended by itself (waiting up to {@code wait}), if it did. */
    Optional<Ending> videoEnded(Duration wait) {
        VideoFeed feed = video;
        return feed == null ? Optional.empty()
                : feed.ended(wait).map(sentence -> new Ending(StopReason.SOURCE_LOST, sentence));
    }

    /** A stall of FFmpeg explained by its feed when the stream behind it is gone; else the stall as it is. */
    Ending explainStall(Ending stall) {
        VideoFeed feed = video;
        return feed == null ? stall
                : feed.lost().map(sentence -> new Ending(StopReason.SOURCE_LOST, sentence)).orElse(stall);
    }

    /**
     * Ends the picture's feed (and the portal's screen cast). Done before FFmpeg's stop: FFmpeg then reads the end
     * of its pipe instead of waiting in a read on a stream that may have stopped.
     */
    void closeVideo() {
        VideoFeed feed = video;
        if (feed != null) {
            feed.close();
        }
    }

    /** The session, once created. */
    StreamSession session() {
        return session;
    }

    Spool spool() {
        return spool;
    }

    /** Where the uploader puts chunks; renewed credentials go here. */
    S3ChunkStore chunkStore() {
        return chunkStore;
    }

    ChunkUploader uploader() {
        return uploader;
    }

    SegmentListWatcher segments() {
        return segments;
    }

    FfmpegProcess ffmpeg() {
        return ffmpeg;
    }
}
