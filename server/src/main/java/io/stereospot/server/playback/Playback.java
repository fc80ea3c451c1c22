package io.stereospot.server.playback;

import io.stereospot.media.FfmpegBinaries;
import io.stereospot.server.convert.ConversionWorker;
import io.stereospot.server.convert.Converter;
import io.stereospot.server.convert.ScratchFolders;
import io.stereospot.server.segment.SegmentTimeline;
import io.stereospot.server.segment.TransportSegments;
import io.stereospot.server.ingest.ObjectEvents;
import io.stereospot.server.playlist.PlaylistService;
import io.stereospot.server.playlist.SessionStatusService;
import io.stereospot.server.queue.JobQueue;
import io.stereospot.server.session.SessionHousekeeping;
import io.stereospot.server.session.SessionRepository;
import io.stereospot.server.store.Bucket;
import io.stereospot.server.store.SessionQuota;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The playback half of the server assembled in the order a chunk travels: object events ({@code ingest}), the
 * converter worker and making segments playable ({@code convert}), the playlist, and session housekeeping. The
 * server's composition root starts one, serves its {@link #playlists()} and {@link #segments()} over HTTP and
 * forwards the store's "object stored" notifications to {@link #objectStored}.
 */
public final class Playback implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Playback.class);

    private final ObjectEvents events;
    private final ConversionWorker worker;
    private final TransportSegments segments;
    private final PlaylistService playlists;
    private final SessionStatusService statuses;
    private final SegmentTimeline timeline;
    private final SessionHousekeeping housekeeping;
    private final ScheduledExecutorService housekeeper;
    private final Path workDir;

    private Playback(Bucket bucket, PlaybackSettings settings, Converter converter, Clock clock, Path workDir,
            Intake intake, SessionQuota quota) {
        this.workDir = workDir;
        SessionRepository records = new SessionRepository(bucket);
        this.timeline = new SegmentTimeline(bucket, workDir.resolve("playlist"));
        this.segments = new TransportSegments(bucket, timeline, workDir.resolve("playlist"));
        this.worker = new ConversionWorker(bucket, converter, settings.worker(), segments,
                workDir.resolve("convert"), quota);
        this.playlists = new PlaylistService(bucket, records, timeline, settings.nominalSegmentSeconds(),
                settings.playlistFreshness(), System::nanoTime, PlaylistService.refreshThreads());
        this.statuses = new SessionStatusService(bucket, records, worker, timeline,
                settings.nominalSegmentSeconds());
        // Told of chunks only on the direct path; a queue's worker takes them as jobs, and without a converter
        // nobody here needs them.
        this.events = new ObjectEvents(bucket, settings.worker().pollInterval(),
                intake == Intake.DIRECT ? List.of(worker, playlists) : List.of(playlists));
        this.housekeeping = new SessionHousekeeping(bucket, records, clock, settings.credentialLifetime(),
                settings.retention(), this::forget);
        this.housekeeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "session-housekeeping");
            t.setDaemon(true);
            return t;
        });
    }

    /** How chunks reach this process's converter. */
    private enum Intake { DIRECT, QUEUE, NONE }

    /**
     * @param workDir    scratch space for chunks being converted, owned by this object from now on: emptied as it
     *                   goes and deleted on {@link #close()}
     * @param converter  what converts chunks, made from {@code settings.converter()} by the composition root (which
     *                   knows where a depth model is kept); owned by this object from now on
     * @param converting false: playlists and segments only, no converter here ({@code --no-converter})
     * @param jobs       the chunk queue the converter takes its jobs from; empty: it is told of chunks by the store's
     *                   notifications and a listing of the bucket
     * @param quota      what the converter counts each chunk against before converting it
     */
    public static Playback start(PlaybackSettings settings, Converter converter, S3Client s3, String bucketName,
            Path workDir, Clock clock, boolean converting, Optional<JobQueue> jobs, SessionQuota quota) {
        Intake intake = !converting ? Intake.NONE : jobs.isPresent() ? Intake.QUEUE : Intake.DIRECT;
        Playback playback = new Playback(new Bucket(s3, bucketName), settings, converter, clock, workDir, intake,
                quota);
        // Extracting the bundled FFmpeg takes a second or two the first time: do it now, not on the first chunk.
        playback.housekeeper.execute(() -> {
            try {
                FfmpegBinaries.ffmpeg();
                FfmpegBinaries.ffprobe();
            } catch (RuntimeException e) {
                LOG.error("The bundled FFmpeg is unavailable; chunks cannot be converted: {}", e.getMessage());
            }
        });
        if (intake != Intake.NONE) {
            playback.worker.start();
        }
        if (intake == Intake.DIRECT) {
            playback.events.start(); // the listing; a queue's sweep runs once at the worker's start instead
        } else if (intake == Intake.QUEUE) {
            playback.worker.takeJobsFrom(jobs.get());
        }
        long everyMs = settings.housekeepingInterval().toMillis();
        playback.housekeeper.scheduleWithFixedDelay(playback::housekeepQuietly, everyMs, everyMs,
                TimeUnit.MILLISECONDS);
        LOG.info("Playback started: converter {}", intake == Intake.NONE ? "off" : settings.converter().describe());
        return playback;
    }

    /** Forward every "object stored" notification of the local store here: it is how chunks are noticed at once. */
    public void objectStored(String key) {
        events.objectStored(key);
    }

    public ConversionWorker worker() {
        return worker;
    }

    public PlaylistService playlists() {
        return playlists;
    }

    /** What a session's player or broadcaster may know of its progress ({@code GET /stream_sessions/{id}}). */
    public SessionStatusService statuses() {
        return statuses;
    }

    /** Segments as players get them (MPEG-TS), made on first request when no converter of ours made them. */
    public TransportSegments segments() {
        return segments;
    }

    public SessionHousekeeping.Outcome housekeepNow() {
        return housekeeping.runOnce();
    }

    private void housekeepQuietly() {
        try {
            housekeeping.runOnce();
        } catch (RuntimeException e) {
            if (e instanceof AbortedException || Thread.currentThread().isInterrupted()) {
                LOG.debug("Session housekeeping interrupted by shutdown");
                return;
            }
            LOG.warn("Session housekeeping failed (will try again): {}", e.toString());
        }
    }

    private void forget(String sessionId) {
        worker.forget(sessionId);
        playlists.forget(sessionId);
        timeline.forget(sessionId);
        segments.forget(sessionId);
    }

    @Override
    public void close() {
        housekeeper.shutdownNow();
        events.close();
        worker.close();
        ScratchFolders.deleteQuietly(workDir);
    }
}
