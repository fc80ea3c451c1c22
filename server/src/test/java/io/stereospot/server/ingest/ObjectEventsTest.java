package io.stereospot.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.contract.ChunkKey;
import io.stereospot.contract.ObjectKeys;
import io.stereospot.contract.SessionIds;
import io.stereospot.media.testenv.Await;
import io.stereospot.server.store.Bucket;
import io.stereospot.server.testing.LocalS3Extension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each stored key reaches the listeners once, as what it is; the listing finds chunks nobody notified. */
class ObjectEventsTest {

    @RegisterExtension
    static final LocalS3Extension S3 = new LocalS3Extension();

    /** Writes down what it is told, in order. */
    private static final class Told implements ObjectListener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void chunkStored(ChunkKey chunk) {
            events.add("chunk " + chunk.sessionId() + " " + chunk.index());
        }

        @Override
        public void outputStored(String sessionId) {
            events.add("output " + sessionId);
        }

        @Override
        public void recordStored(String sessionId) {
            events.add("record " + sessionId);
        }
    }

    @Test
    void aNotificationIsParsedOnceAndToldToEachListenerInOrder() {
        String id = SessionIds.newId();
        Told first = new Told();
        Told second = new Told();
        List<String> order = new CopyOnWriteArrayList<>();
        ObjectListener marker = new ObjectListener() {
            @Override
            public void chunkStored(ChunkKey chunk) {
                order.add("second after first: " + (first.events.size() == 1));
            }
        };
        try (ObjectEvents events = new ObjectEvents(S3.newBucket(), Duration.ofHours(1),
                List.of(first, marker, second))) {
            events.objectStored(ObjectKeys.chunk(id, 7));
            events.objectStored(ObjectKeys.transportStream(id, 2));
            events.objectStored(ObjectKeys.sessionRecord(id));
            for (String ignored : new String[] {null, "", "stream_output/../stream_sessions/x.json",
                    "stream_input/" + id + "/chunk_7.mp4", "stream_sessions/" + id + ".json.tmp", "other/key"}) {
                events.objectStored(ignored);
            }
        }
        assertThat(first.events).containsExactly("chunk " + id + " 7", "output " + id, "record " + id);
        assertThat(second.events).isEqualTo(first.events);
        assertThat(order).containsExactly("second after first: true");
    }

    @Test
    void theListingFindsChunksThatWereNeverNotified() {
        Bucket bucket = S3.newBucket();
        String id = SessionIds.newId();
        bucket.put(ObjectKeys.chunk(id, 0), new byte[] {1}, "video/mp4");
        bucket.put(ObjectKeys.chunk(id, 1), new byte[] {1}, "video/mp4");
        bucket.put(ObjectKeys.INPUT_ROOT + id + "/notes.txt", new byte[] {1}, "text/plain");
        Told told = new Told();
        try (ObjectEvents events = new ObjectEvents(bucket, Duration.ofHours(1), List.of(told)).start()) {
            Await.until("the first listing", () -> told.events.size() == 2, Duration.ofSeconds(10));
            assertThat(told.events).containsExactly("chunk " + id + " 0", "chunk " + id + " 1");
        }
    }
}
