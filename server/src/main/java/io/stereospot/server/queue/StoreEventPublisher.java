package io.stereospot.server.queue;

import io.stereospot.contract.ObjectKeys;
import io.stereospot.server.store.ObjectStoredListener;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an S3 bucket notification for {@code stream_input/} does on AWS, done by the embedded store: each stored
 * chunk becomes an S3 event message on the chunk queue. Sent before the store answers the PUT, so a chunk the
 * client saw acknowledged is on the queue; when the queue cannot be reached the chunk is logged and left to the
 * workers' start-up sweep.
 */
public final class StoreEventPublisher implements ObjectStoredListener {

    private static final Logger LOG = LoggerFactory.getLogger(StoreEventPublisher.class);

    private final JobQueue queue;
    private final String region;
    private final String bucket;
    private final Clock clock;

    public StoreEventPublisher(JobQueue queue, String region, String bucket, Clock clock) {
        this.queue = queue;
        this.region = region;
        this.bucket = bucket;
        this.clock = clock;
    }

    @Override
    public void objectStored(String key, long sizeBytes) {
        if (ObjectKeys.parseChunk(key).isEmpty()) {
            return; // the notification's prefix filter: only chunks are jobs
        }
        try {
            queue.send(S3EventMessages.objectCreated(region, bucket, key, sizeBytes, clock.instant()), Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.error("Chunk {} is stored but could not be put on the queue ({}); a worker's start-up sweep will find "
                    + "it", key, e.toString());
        }
    }
}
