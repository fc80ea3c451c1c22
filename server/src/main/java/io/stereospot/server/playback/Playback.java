package io.stereospot.server.playback;

import io.javalin.config.RoutesConfig;
import io.stereospot.media.FfmpegBinaries;
import io.stereospot.server.convert.ConversionWorker;
import io.stereospot.server.session.SessionHousekeeping;
import io.stereospot.server.session.SessionRecords;
import io.stereospot.server.store.Bucket;
import io.stereospot.server.http.PlaybackRoutes;
import io.stereospot.server.http.PlaylistFastPath;
import io.stereospot.server.playlist.PlaylistService;
import io.stereospot.server.convert.SegmentTimeline;
import io.stereospot.server.convert.TransportSegments;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The playback half of the server wired together: converter worker, playlist and segment routes, session
 * housekeeping. The server's composition root starts one, adds its routes and forwards the store's
 * "object stored" notifications to {@link #objectStored}.
 */
public final class Playback implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Playback.class);

    private final ConversionWorker worker;
    private final PlaylistService playlists;
    private final PlaybackRoutes routes;
    private final SegmentTimeline timeline;
    private final SessionHousekeeping housekeeping;
    private final ScheduledExecutorService housekeeper;
    private final Path workDir;

    private Playback(ConversionWorker worker, PlaylistService playlists, PlaybackRoutes routes,
            SegmentTimeline timeline, SessionHousekeeping housekeeping, ScheduledExecutorService housekeeper,
            Path workDir) {
        this.workDir = workDir;
        this.worker = worker;
        this.playlists = playlists;
        this.routes = routes;
        this.timeline = timeline;
        this.housekeeping = housekeeping;
        this.housekeeper = housekeeper;
    }

    /**
     * @param workDir scratch space for chunks being converted, owned by this object from now on: emptied as it
     *                goes and deleted on {@link #close()}
     */
    public static Playback start(PlaybackSettings settings, S3Client s3, String bucketName, Path workDir,
            Clock clock) {
        Bucket bucket = new Bucket(s3, bucketName);
        SessionRecords records = new SessionRecords(bucket);
        SegmentTimeline timeline = new SegmentTimeline(bucket, workDir.resolve("playlist"));
        TransportSegments segments = new TransportSegments(bucket, timeline, workDir.resolve("playlist"));
        PlaylistService playlists = new PlaylistService(bucket, records, timeline, settings.nominalSegmentSeconds(),
                settings.playlistFreshness(), System::nanoTime);
        ConversionWorker worker = new ConversionWorker(bucket, settings.converter().create(), settings.worker(),
                segments::prepare, workDir.resolve("convert"));
        ScheduledExecutorService housekeeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "session-housekeeping");
            t.setDaemon(true);
            return t;
        });
        Playback[] self = new Playback[1];
        SessionHousekeeping housekeeping = new SessionHousekeeping(bucket, records, clock,
                settings.credentialLifetime(), settings.retention(), id -> self[0].forget(id));
        self[0] = new Playback(worker, playlists, new PlaybackRoutes(playlists, segments), timeline, housekeeping,
                housekeeper, workDir);
        // Extracting the bundled FFmpeg takes a second or two the first time: do it now, not on the first chunk.
        housekeeper.execute(() -> {
            try {
                FfmpegBinaries.ffmpeg();
                FfmpegBinaries.ffprobe();
            } catch (RuntimeException e) {
                LOG.error("The bundled FFmpeg is unavailable; chunks cannot be converted: {}", e.getMessage());
            }
        });
        worker.start();
        long everyMs = settings.housekeepingInterval().toMillis();
        housekeeper.scheduleWithFixedDelay(self[0]::housekeepQuietly, everyMs, everyMs, TimeUnit.MILLISECONDS);
        LOG.info("Playback started: converter {}", settings.converter().describe());
        return self[0];
    }

    public void addRoutes(RoutesConfig config) {
        routes.addTo(config);
    }

    /** The Jetty handler that answers playlist requests before the web framework sees them. */
    public PlaylistFastPath playlistFastPath() {
        return new PlaylistFastPath(playlists);
    }

    /** Forward every "object stored" notification of the local store here: it is how chunks are noticed at once. */
    public void objectStored(String key) {
        worker.objectStored(key);
        playlists.objectStored(key);
    }

    public ConversionWorker worker() {
        return worker;
    }

    public PlaylistService playlists() {
        return playlists;
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
    }

    @Override
    public void close() {
        housekeeper.shutdownNow();
        worker.close();
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(workDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            LOG.debug("Could not remove the scratch folder {}: {}", workDir, e.toString());
        }
    }
}
