package io.stereospot.server.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stereospot.media.testenv.Await;
import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.playback.PlaybackSettings;
import io.stereospot.server.testing.PlaybackHarness;
import io.stereospot.server.testing.TestChunks;
import io.stereospot.server.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A session's byte quota on the embedded store, at its edge: the chunks that fit are stored, the one past it is
 * refused with S3's 403 and a sentence, the session is ended, and what was stored stays playable to the end.
 */
class SessionQuotaTest {

    @TempDir
    Path dir;

    @Test
    void theChunkPastTheQuotaIsRefusedAndTheSessionEndsWithItsChunksPlayable() throws Exception {
        List<Path> chunks = TestChunks.make(dir.resolve("chunks"), 3, 320, 180);
        long twoChunksBytes = Files.size(chunks.get(0)) + Files.size(chunks.get(1));
        AccessSettings access = AccessSettings.defaults().withLimits(100, 100, 100, twoChunksBytes);
        try (PlaybackHarness harness = PlaybackHarness.start(TestServers.config(dir.resolve("data"))
                .playback(PlaybackSettings.defaults().withConverter(ConverterSettings.copy())).access(access)
                .build())) {
            String session = harness.createSession();
            harness.upload(session, 0, chunks.get(0));
            harness.upload(session, 1, chunks.get(1)); // exactly the quota

            assertThatThrownBy(() -> harness.upload(session, 2, chunks.get(2)))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                        assertThat(e.awsErrorDetails().errorMessage()).contains("upload quota", "used up");
                    });
            assertThat(harness.storeFile(harness.session(session).upload().keyPrefix() + "chunk_00002.mp4"))
                    .doesNotExist();

            String done = Await.value("the ended playlist", () -> harness.playlist(session),
                    p -> p.contains("#EXT-X-ENDLIST") && PlaybackHarness.segmentCount(p) == 2, Duration.ofSeconds(60));
            assertThat(PlaybackHarness.segmentCount(done)).isEqualTo(2);
            assertThat(harness.get(harness.baseUrl().resolve("/stream_sessions/" + session)).body())
                    .contains("\"state\":\"ended\"");
        }
    }
}
