package io.stereospot.server.queue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.rest.sqs.TheSQSRestServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * ElasticMQ, an SQS-compatible server, in this process: the chunk queue and its dead-letter queue for local and
 * test set-ups, made the way the README's AWS set-up makes them (redrive after {@code maxReceives} deliveries).
 * Queues live in memory: a restart loses what was waiting, which the workers' start-up sweep finds again.
 */
public final class EmbeddedQueue implements AutoCloseable {

    public static final String QUEUE_NAME = "stereospot-chunks";
    public static final String DEAD_LETTER_NAME = "stereospot-chunks-dead";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedQueue.class);

    private final SQSRestServer server;
    private final URI queueUrl;
    private final URI deadLetterUrl;

    private EmbeddedQueue(SQSRestServer server, URI queueUrl, URI deadLetterUrl) {
        this.server = server;
        this.queueUrl = queueUrl;
        this.deadLetterUrl = deadLetterUrl;
    }

    /**
     * @param port              0 for an ephemeral port
     * @param visibilityTimeout how long a delivered job is hidden before another worker gets it (a killed worker's
     *                          job comes back after this; a live worker extends it while it works)
     * @param maxReceives       deliveries before a job goes to the dead-letter queue
     */
    public static EmbeddedQueue start(String host, int port, Duration visibilityTimeout, int maxReceives) {
        if (maxReceives < 1 || visibilityTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("The queue needs at least one delivery and a visibility timeout of at "
                    + "least 1 s.");
        }
        TheSQSRestServerBuilder builder = SQSRestServerBuilder.withInterface(host);
        builder = port == 0 ? builder.withDynamicPort() : builder.withPort(port);
        SQSRestServer server = builder.start();
        try {
            int boundPort = server.waitUntilStarted().localAddress().getPort();
            URI origin = URI.create("http://" + host + ":" + boundPort);
            try (SqsClient sqs = JobQueue.client(URI.create(origin + "/"))) {
                String dead = sqs.createQueue(r -> r.queueName(DEAD_LETTER_NAME)).queueUrl();
                String deadArn = sqs.getQueueAttributes(r -> r.queueUrl(dead)
                        .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
                String main = sqs.createQueue(r -> r.queueName(QUEUE_NAME).attributes(Map.of(
                        QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(visibilityTimeout.toSeconds()),
                        QueueAttributeName.REDRIVE_POLICY, "{\"maxReceiveCount\":\"" + maxReceives
                                + "\",\"deadLetterTargetArn\":\"" + deadArn + "\"}"))).queueUrl();
                EmbeddedQueue queue = new EmbeddedQueue(server, URI.create(main), URI.create(dead));
                LOG.info("Embedded queue (ElasticMQ) listening on {}: {} and its dead-letter queue {}", origin,
                        QUEUE_NAME, DEAD_LETTER_NAME);
                return queue;
            }
        } catch (RuntimeException e) {
            server.stopAndWait();
            throw new IllegalStateException("The embedded queue could not start on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
    }

    /** The chunk queue workers take jobs from ({@code converter --queue URL}). */
    public URI queueUrl() {
        return queueUrl;
    }

    public URI deadLetterUrl() {
        return deadLetterUrl;
    }

    @Override
    public void close() {
        try {
            server.stopAndWait();
        } catch (RuntimeException e) {
            LOG.warn("The embedded queue did not stop cleanly: {}", e.toString());
        }
    }
}
