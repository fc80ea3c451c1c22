package io.stereospot.server;

import io.stereospot.media.FfmpegBinaries;
import io.stereospot.server.access.AccessSettings;
import io.stereospot.server.config.AwsClients;
import io.stereospot.server.convert.ConversionWorker;
import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.convert.ScratchFolders;
import io.stereospot.server.convert.WorkerSettings;
import io.stereospot.server.datadir.DataDirs;
import io.stereospot.server.queue.JobQueue;
import io.stereospot.server.segment.SegmentTimeline;
import io.stereospot.server.segment.TransportSegments;
import io.stereospot.server.session.SessionRepository;
import io.stereospot.server.store.Bucket;
import io.stereospot.server.store.SessionQuota;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A converter on its own ({@code ./stereospot converter --queue URL}): takes chunk jobs from the queue, writes
 * segments to the bucket, and serves nothing. Any number of them, on any machine that reaches the queue and the
 * bucket, share the work with the servers' own workers.
 *
 * @see io.stereospot.server.convert.ConversionWorker#takeJobsFrom
 */
public final class ConverterNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConverterNode.class);

    private final S3Client s3;
    private final JobQueue queue;
    private final ConversionWorker worker;
    private final Path scratch;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ConverterNode(S3Client s3, JobQueue queue, ConversionWorker worker, Path scratch) {
        this.s3 = s3;
        this.queue = queue;
        this.worker = worker;
        this.scratch = scratch;
    }

    /**
     * @param s3Endpoint null for AWS S3 itself; the embedded store's or MinIO's S3 URL otherwise. Credentials come
     *                   from the SDK's default chain (environment, profile, instance role).
     */
    public static ConverterNode start(URI queueUrl, URI s3Endpoint, String region, String bucketName,
            ConverterSettings converter, WorkerSettings settings) {
        FfmpegBinaries.ffmpeg();
        FfmpegBinaries.ffprobe();
        Path scratch;
        try {
            scratch = Files.createTempDirectory("stereospot-converter-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary folder for the converter", e);
        }
        S3Client s3 = AwsClients.s3WithDefaultCredentials(s3Endpoint, region);
        Bucket bucket = new Bucket(s3, bucketName);
        SegmentTimeline timeline = new SegmentTimeline(bucket, scratch.resolve("playlist"));
        TransportSegments segments = new TransportSegments(bucket, timeline, scratch.resolve("playlist"));
        // A converter node keeps its depth model in the per-user data folder (its store is elsewhere).
        ConversionWorker worker = new ConversionWorker(bucket, converter.create(DataDirs.defaultDataDir()), settings,
                segments, scratch.resolve("convert"), quota(bucket)).start();
        JobQueue queue = JobQueue.connect(queueUrl);
        try {
            worker.takeJobsFrom(queue);
        } catch (RuntimeException e) {
            worker.close();
            queue.close();
            s3.close();
            ScratchFolders.deleteQuietly(scratch);
            throw new IllegalStateException("The chunk queue " + queueUrl + " could not be reached: " + e.getMessage(),
                    e);
        }
        LOG.info("Converter started: {} converter, queue {}, bucket {}", converter.describe(), queueUrl, bucketName);
        return new ConverterNode(s3, queue, worker, scratch);
    }

    /**
     * Each chunk counted in its session's record before it is converted, as a server's own converter does; at the
     * default quota, since a converter node takes no access options.
     */
    private static SessionQuota quota(Bucket bucket) {
        return new SessionQuota(AccessSettings.DEFAULT_SESSION_QUOTA_BYTES)
                .countIn(new SessionRepository(bucket).ledger(Clock.systemUTC()));
    }

    /** Segments this converter wrote since it started, flat ones included. */
    public int convertedCount() {
        return worker.convertedCount();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            worker.close();
            queue.close();
            s3.close();
            ScratchFolders.deleteQuietly(scratch);
        }
    }
}
