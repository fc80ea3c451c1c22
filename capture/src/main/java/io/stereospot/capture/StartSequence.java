package io.stereospot.capture;

import io.stereospot.capture.ffmpeg.EncoderChoice;
import io.stereospot.capture.ffmpeg.EncoderProbe;
import io.stereospot.capture.ffmpeg.FfmpegCommand;
import io.stereospot.capture.ffmpeg.FfmpegProcess;
import io.stereospot.capture.ffmpeg.FrameSize;
import io.stereospot.capture.ffmpeg.SegmentListWatcher;
import io.stereospot.capture.quality.QualityStep;
import io.stereospot.capture.session.SessionApiException;
import io.stereospot.capture.source.AudioSource;
import io.stereospot.capture.source.CaptureSource;
import io.stereospot.capture.source.SourceCatalog;
import io.stereospot.capture.source.SourceUnavailableException;
import io.stereospot.capture.upload.ChunkUploader;
import io.stereospot.capture.upload.S3ChunkStore;
import io.stereospot.contract.StreamSession;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a broadcast up, cheapest check first: the source can be captured and is there, the audio inputs, the
 * picture's feed where FFmpeg cannot grab it itself (Wayland's portal, which may show the system's dialog), the
 * session, the spool, the uploader, the segment-list watcher, then FFmpeg. A Stop asked for meanwhile is honoured
 * before the session is created and right after. It returns every part it made, whichever step it got to, so the
 * run takes down exactly what exists; it keeps none of them.
 */
final class StartSequence {

    private static final Logger LOG = LoggerFactory.getLogger(StartSequence.class);

    /** The parts made, and how the broadcast ends instead when the start stopped short (else empty: FFmpeg runs). */
    record Outcome(BroadcastParts parts, Optional<Ending> refused) {
    }

    private final BroadcastSettings config;
    private final ListenerDispatch events;
    private final Supplier<StopReason> requestedStop;

    /** @param requestedStop the Stop asked for so far, or null */
    StartSequence(BroadcastSettings config, ListenerDispatch events, Supplier<StopReason> requestedStop) {
        this.config = config;
        this.events = events;
        this.requestedStop = requestedStop;
    }

    /**
     * @param chunkDone told of each chunk FFmpeg finishes, on the watcher's thread: the run's handoff to the
     *                  uploader
     */
    Outcome run(FfmpegProcess.Events encoderEvents, ChunkUploader.Events uploadEvents,
            SegmentListWatcher.Listener chunkDone) {
        Made made = new Made();
        try {
            Optional<Ending> refused = start(made, encoderEvents, uploadEvents, chunkDone);
            return new Outcome(made.parts(), refused);
        } catch (SourceUnavailableException e) {
            // A sentence for the person (no portal, the dialog cancelled, a missing plugin), not a fault.
            LOG.info("Broadcast could not start: {}", e.getMessage());
            return new Outcome(made.parts(), Optional.of(StopSentences.couldNotStart(e)));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Broadcast could not start", e);
            return new Outcome(made.parts(), Optional.of(StopSentences.couldNotStart(e)));
        }
    }

    private Optional<Ending> start(Made made, FfmpegProcess.Events encoderEvents, ChunkUploader.Events uploadEvents,
            SegmentListWatcher.Listener chunkDone) throws IOException {
        CaptureSettings settings = config.capture();
        SourceCatalog catalog = config.catalog();
        CaptureSource source = settings.source();
        Optional<String> problem = catalog.captureProblem(source);
        if (problem.isPresent()) {
            return Optional.of(new Ending(StopReason.CAPTURE_UNSUPPORTED, problem.get()));
        }
        catalog.platformWarning().ifPresent(w -> events.tell(l -> l.warning(w)));
        if (!catalog.isAvailable(source)) {
            return Optional.of(new Ending(StopReason.SOURCE_LOST, StopSentences.sourceLost(source, false)));
        }
        List<AudioSource> audio = AudioChoice.choose(settings.systemAudio(), settings.microphone(),
                catalog::audioSources, w -> events.tell(l -> l.warning(w)));
        // Auto opens a feed (Wayland's portal) at 720p30: one feed cannot serve trial captures at other sizes.
        QualityStep step = settings.resolution().isAuto() ? QualityStep.P720_30
                : QualityStep.of(new FrameSize(settings.resolution().width(), settings.resolution().height()),
                        settings.fps());
        // Auto's encoder is probed at 720p30; an encoder that holds it holds the steps Auto may pick (cached per size).
        EncoderChoice encoder = EncoderProbe.of(catalog.ffmpeg(), catalog.launcher(), catalog.processEnvironment(),
                config.encoderCache()).choose(settings.encoder(), catalog.platform(), step.size(), step.fps());
        encoder.lines().forEach(line -> LOG.info("{}", line));
        events.tell(l -> l.encoderChosen(encoder));
        if (encoder.refusal().isPresent()) {
            return Optional.of(new Ending(StopReason.ENCODER_FAILED, encoder.refusal().get()));
        }
        if (requestedStop.get() != null) {
            return Optional.of(new Ending(requestedStop.get(), null));
        }
        made.video = PictureFeed.of(catalog.openVideo(source, step.size().width(), step.size().height(),
                step.fps()));
        made.video.description().ifPresent(chosen -> events.tell(l -> l.sourceChosen(chosen)));
        if (requestedStop.get() != null) {
            return Optional.of(new Ending(requestedStop.get(), null));
        }
        try {
            made.session = config.sessions().create(settings.mode());
        } catch (SessionApiException e) {
            return Optional.of(new Ending(e.isUnreachable() ? StopReason.SERVER_UNREACHABLE
                    : StopReason.SERVER_REJECTED, e.getMessage()));
        }
        StreamSession created = made.session;
        events.tell(l -> l.sessionStarted(created));
        if (requestedStop.get() != null) {
            return Optional.of(new Ending(requestedStop.get(), null));
        }
        made.spool = Spool.create(settings.spoolDir(), created.sessionId());
        FfmpegCommand command = new FfmpegCommand(catalog.platform(), catalog.ffmpeg(), source,
                catalog.processEnvironment().get("DISPLAY"), catalog.openAudio(audio), step.size(), step.fps(),
                settings.chunkDurationMs(), made.spool.dir(), catalog.screenGrabber(), made.video.ffmpegInput(),
                encoder.encoder());
        if (settings.resolution().isAuto()) {
            step = QualityStart.choose(config, events, command, made.video.ffmpegInput() == null);
            command = command.at(step.size(), step.fps(), made.spool.dir());
        }
        if (requestedStop.get() != null) {
            return Optional.of(new Ending(requestedStop.get(), null));
        }
        command.createFolders();
        made.command = command;
        made.step = step;
        made.chunkStore = new S3ChunkStore(created.sessionId(), created.upload());
        made.uploader = new ChunkUploader(made.chunkStore, config.retryPolicy(), uploadEvents);
        made.segments = new SegmentListWatcher(command.segmentList(), chunkDone);
        made.stamps = new ChunkStamps(made.chunkStore, settings.chunkDurationMs(), Instant.now());
        made.ffmpeg = FfmpegProcess.start(catalog.launcher(), command.arguments(), catalog.processEnvironment(),
                encoderEvents);
        made.stamps.follow(made.ffmpeg.inputStarts(), command.pictureInput(), made.ffmpeg.startedAt());
        LOG.info("Capturing {} at {} with {} into {}", source.id(), step, encoder.encoder().ffmpegName(),
                made.spool.dir());
        return Optional.empty();
    }

    /** The parts so far, on the starting thread only; what {@link #run} returns is fixed. */
    private static final class Made {
        PictureFeed video = PictureFeed.NONE;
        StreamSession session;
        Spool spool;
        S3ChunkStore chunkStore;
        ChunkUploader uploader;
        SegmentListWatcher segments;
        ChunkStamps stamps;
        FfmpegProcess ffmpeg;
        FfmpegCommand command;
        QualityStep step;

        BroadcastParts parts() {
            return new BroadcastParts(video, session, spool, chunkStore, uploader, segments, stamps, ffmpeg, command,
                    step, 0);
        }
    }
}
