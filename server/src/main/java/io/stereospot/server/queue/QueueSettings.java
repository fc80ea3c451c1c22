package io.stereospot.server.queue;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the server's chunk jobs go through.
 *
 * @param url               a queue that exists already (Amazon SQS, or another process's ElasticMQ); null for none
 * @param embedded          with no url: start ElasticMQ in this process ({@code ./stereospot server}'s default)
 * @param visibilityTimeout for the embedded queue: how long a killed worker's job stays hidden before another worker
 *                          gets it
 * @param maxReceives       for the embedded queue: deliveries before a job goes to the dead-letter queue
 */
public record QueueSettings(URI url, boolean embedded, Duration visibilityTimeout, int maxReceives) {

    public static final Duration DEFAULT_VISIBILITY_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_RECEIVES = 3;

    public QueueSettings {
        if (url != null && (url.getScheme() == null || url.getHost() == null
                || !(url.getScheme().equals("http") || url.getScheme().equals("https")))) {
            throw new IllegalArgumentException("The queue URL must be an SQS queue URL such as "
                    + "https://sqs.eu-west-1.amazonaws.com/123456789012/stereospot-chunks, not '" + url + "'.");
        }
        if (visibilityTimeout.toSeconds() < 1 || visibilityTimeout.toHours() >= 12 || maxReceives < 1) {
            throw new IllegalArgumentException("The queue needs a visibility timeout between 1 s and 12 h and at "
                    + "least one delivery per job.");
        }
    }

    /** No queue: the embedded store tells the in-process worker of each chunk (tests, the window's local mode). */
    public static QueueSettings none() {
        return new QueueSettings(null, false, DEFAULT_VISIBILITY_TIMEOUT, DEFAULT_MAX_RECEIVES);
    }

    /** ElasticMQ in this process, with a chunk queue and its dead-letter queue. */
    public static QueueSettings embeddedQueue() {
        return new QueueSettings(null, true, DEFAULT_VISIBILITY_TIMEOUT, DEFAULT_MAX_RECEIVES);
    }

    public static QueueSettings at(URI url) {
        return new QueueSettings(url, false, DEFAULT_VISIBILITY_TIMEOUT, DEFAULT_MAX_RECEIVES);
    }

    public Optional<URI> existing() {
        return Optional.ofNullable(url);
    }

    public QueueSettings withEmbeddedLimits(Duration visibility, int receives) {
        return new QueueSettings(url, embedded, visibility, receives);
    }
}
