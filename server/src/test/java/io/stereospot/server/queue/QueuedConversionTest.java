package io.stereospot.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.contract.ObjectKeys;
import io.stereospot.media.testenv.Await;
import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.playback.PlaybackSettings;
import io.stereospot.server.testing.PlaybackHarness;
import io.stereospot.server.testing.TestChunks;
import io.stereospot.server.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-process default with its queue: the embedded store publishes S3 events to ElasticMQ in the same process,
 * the worker takes them as jobs. A chunk the converter always fails on goes to the dead-letter queue after the
 * queue's deliveries and is served flat; a duplicate delivery changes nothing.
 */
class QueuedConversionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNKS = 4;
    private static final int POISON = 2;

    @TempDir
    Path dir;

    @Test
    void chunksTravelAsJobsAndAPoisonChunkEndsInTheDeadLetterQueueServedFlat() throws Exception {
        List<Path> chunks = TestChunks.make(dir.resolve("chunks"), CHUNKS, 160, 120);
        String failsOnPoison = "sh -c 'if cmp -s \"$1\" " + chunks.get(POISON) + "; then "
                + "echo \"depth model crashed\" >&2; exit 1; fi; cp \"$1\" \"$2\"' converter {input} {output}";
        PlaybackSettings settings = PlaybackSettings.defaults().withConverter(ConverterSettings.command(failsOnPoison));
        settings = settings.withWorker(settings.worker().withRetryBackoff(Duration.ofMillis(0)));
        try (PlaybackHarness harness = PlaybackHarness.start(TestServers.config(dir.resolve("data"))
                .playback(settings)
                .queue(QueueSettings.embeddedQueue().withEmbeddedLimits(Duration.ofSeconds(5), 2)).build());
                JobQueue queue = JobQueue.connect(harness.server().queueUrl().orElseThrow());
                JobQueue dead = queue.deadLetterQueue().orElseThrow()) {
            String session = harness.finishedSession(chunks, Duration.ofSeconds(60));

            String playlist = harness.playlist(session);
            for (int i = 0; i < CHUNKS; i++) {
                assertThat(playlist).contains(ObjectKeys.transportStreamName(i));
            }
            JsonNode side = JSON.readTree(harness.bucket().bytes(ObjectKeys.segmentDuration(session, POISON))
                    .orElseThrow());
            assertThat(side.path("fallback").asText()).as("served flat").isEqualTo("sbs");
            assertThat(dead.pendingCount()).as("the poison job is kept in the dead-letter queue").isEqualTo(1);
            assertThat(harness.server().playback().worker().convertedCount()).isEqualTo(CHUNKS);

            // A duplicate delivery of chunk 1 (SQS delivers at least once): nothing a player sees changes.
            Path segmentFile = harness.storeFile(ObjectKeys.transportStream(session, 1));
            FileTime before = Files.getLastModifiedTime(segmentFile);
            queue.send(S3EventMessages.objectCreated("us-east-1", harness.server().bucket(),
                    ObjectKeys.chunk(session, 1), 1, Instant.now()), Duration.ZERO);
            Await.until("the duplicate taken off the queue", () -> queue.pendingCount() == 0, Duration.ofSeconds(20));
            assertThat(harness.server().playback().worker().convertedCount()).isEqualTo(CHUNKS);
            assertThat(Files.getLastModifiedTime(segmentFile)).isEqualTo(before);
            assertThat(harness.playlist(session)).isEqualTo(playlist);
        }
    }
}
