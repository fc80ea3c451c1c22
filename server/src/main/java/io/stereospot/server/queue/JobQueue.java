package io.stereospot.server.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.server.json.Json;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * A chunk queue, spoken to with the AWS SDK's SQS client: Amazon SQS, or ElasticMQ in local and test set-ups (the
 * calls are the same; only the endpoint differs). Its dead-letter queue is the one its redrive policy names.
 */
public final class JobQueue implements AutoCloseable {

    /** SQS's longest visibility timeout: a dead letter that has been handled is hidden this long. */
    public static final Duration MAX_VISIBILITY = Duration.ofHours(12);
    private static final ObjectMapper JSON = Json.mapper();

    private final SqsClient sqs;
    private final String url;
    private final boolean ownsClient;

    private JobQueue(SqsClient sqs, String url, boolean ownsClient) {
        this.sqs = sqs;
        this.url = url;
        this.ownsClient = ownsClient;
    }

    /**
     * Reaches the queue at {@code url}: on AWS with the SDK's default credentials and the region in its host name;
     * anywhere else (ElasticMQ) at that URL's origin, where credentials are not checked.
     */
    public static JobQueue connect(URI url) {
        return new JobQueue(client(url), url.toString(), true);
    }

    static SqsClient client(URI url) {
        String host = url.getHost() == null ? "" : url.getHost();
        var builder = SqsClient.builder();
        if (host.endsWith(".amazonaws.com")) {
            // sqs.eu-west-1.amazonaws.com
            String[] parts = host.split("\\.");
            builder.region(Region.of(parts.length > 2 ? parts[1] : "us-east-1"));
            AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
            builder.credentialsProvider(credentials);
        } else {
            builder.region(Region.US_EAST_1)
                    .endpointOverride(URI.create(url.getScheme() + "://" + url.getRawAuthority()))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        }
        return builder.build();
    }

    public String url() {
        return url;
    }

    /** Sends {@code body}, visible to workers after {@code delay} (at most 15 minutes). */
    public void send(String body, Duration delay) {
        int seconds = (int) Math.min(900, Math.max(0, delay.toSeconds()));
        sqs.sendMessage(r -> r.queueUrl(url).messageBody(body).delaySeconds(seconds));
    }

    /** Up to {@code max} (1 to 10) jobs, waiting up to {@code wait} (long polling) when none is there. */
    public List<QueueJob> receive(int max, Duration wait) {
        ReceiveMessageResponse response = sqs.receiveMessage(r -> r.queueUrl(url)
                .maxNumberOfMessages(Math.max(1, Math.min(10, max)))
                .waitTimeSeconds((int) Math.min(20, wait.toSeconds()))
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
        return response.messages().stream().map(m -> new QueueJob(m.messageId(), m.receiptHandle(), m.body(),
                Integer.parseInt(m.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                        "1")))).toList();
    }

    /** The job is done: it is never delivered again. */
    public void delete(QueueJob job) {
        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(job.receiptHandle()));
    }

    /** Hides the job from other workers for {@code timeout} from now: to keep it while working, or to retry later. */
    public void hideFor(QueueJob job, Duration timeout) {
        int seconds = (int) Math.min(MAX_VISIBILITY.toSeconds(), Math.max(0, timeout.toSeconds()));
        sqs.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(job.receiptHandle())
                .visibilityTimeout(seconds));
    }

    /** How long a delivered job stays hidden from other workers unless extended (the queue's setting). */
    public Duration visibilityTimeout() {
        return Duration.ofSeconds(Long.parseLong(attributes(QueueAttributeName.VISIBILITY_TIMEOUT)
                .getOrDefault(QueueAttributeName.VISIBILITY_TIMEOUT, "30")));
    }

    /** Messages waiting and messages delivered but not yet deleted. */
    public int pendingCount() {
        Map<QueueAttributeName, String> attributes = attributes(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
        return Integer.parseInt(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"))
                + Integer.parseInt(attributes.getOrDefault(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"));
    }

    /** How many deliveries the redrive policy allows before SQS moves a message to the dead-letter queue. */
    public Optional<Integer> maxReceives() {
        return redrivePolicy().map(p -> p.path("maxReceiveCount").asInt());
    }

    /** The queue the redrive policy sends poison messages to, sharing this queue's client; empty without one. */
    public Optional<JobQueue> deadLetterQueue() {
        return redrivePolicy().map(p -> p.path("deadLetterTargetArn").asText()).filter(arn -> !arn.isEmpty())
                .map(arn -> arn.substring(arn.lastIndexOf(':') + 1))
                .map(name -> new JobQueue(sqs, sqs.getQueueUrl(r -> r.queueName(name)).queueUrl(), false));
    }

    private Optional<JsonNode> redrivePolicy() {
        String policy = attributes(QueueAttributeName.REDRIVE_POLICY).get(QueueAttributeName.REDRIVE_POLICY);
        if (policy == null || policy.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(policy));
        } catch (IOException e) {
            throw new IllegalStateException("The queue's redrive policy is not JSON: " + policy, e);
        }
    }

    private Map<QueueAttributeName, String> attributes(QueueAttributeName... names) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(names)).attributes();
    }

    @Override
    public void close() {
        if (ownsClient) {
            sqs.close();
        }
    }
}
