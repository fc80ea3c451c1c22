package io.stereospot.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The two forms AWS delivers and the one the embedded store sends. */
class S3EventMessagesTest {

    @Test
    void theStoresOwnEventReadsBackWithItsKey() {
        String key = "stream_input/abc def/chunk_00007.mp4";
        String body = S3EventMessages.objectCreated("eu-west-1", "bucket", key, 12, Instant.EPOCH);
        assertThat(body).contains("\"eventName\":\"ObjectCreated:Put\"", "abc+def");
        assertThat(S3EventMessages.createdKeys(body)).containsExactly(key);
    }

    @Test
    void anEventBridgeObjectCreatedEventGivesItsPlainKey() {
        String body = "{\"version\":\"0\",\"detail-type\":\"Object Created\",\"source\":\"aws.s3\","
                + "\"detail\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"stream_input/s/chunk_00000.mp4\","
                + "\"size\":5}}}";
        assertThat(S3EventMessages.createdKeys(body)).containsExactly("stream_input/s/chunk_00000.mp4");
    }

    @Test
    void testEventsOtherEventsAndNonsenseGiveNoKey() {
        assertThat(S3EventMessages.createdKeys("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\"}")).isEmpty();
        assertThat(S3EventMessages.createdKeys("{\"Records\":[{\"eventName\":\"ObjectRemoved:Delete\","
                + "\"s3\":{\"object\":{\"key\":\"x\"}}}]}")).isEmpty();
        assertThat(S3EventMessages.createdKeys("not json")).isEmpty();
        assertThat(S3EventMessages.createdKeys("[1,2]")).isEmpty();
    }
}
