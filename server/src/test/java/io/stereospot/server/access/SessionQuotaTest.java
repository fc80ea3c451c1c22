package io.stereospot.server.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stereospot.contract.ObjectKeys;
import io.stereospot.contract.StreamSession;
import io.stereospot.contract.UploadGrant;
import io.stereospot.media.testenv.Await;
import io.stereospot.server.ServerConfig;
import io.stereospot.server.StreamServer;
import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.playback.PlaybackSettings;
import io.stereospot.server.testing.ApiClient;
import io.stereospot.server.testing.PlaybackHarness;
import io.stereospot.server.testing.SessionS3;
import io.stereospot.server.testing.TestChunks;
import io.stereospot.server.testing.TestServers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A session's byte quota on the embedded store, at its edge: the chunks that fit are stored, the one past it is
 * refused with S3's 403 and a sentence, the session is ended, and what was stored stays playable to the end; and
 * the count survives a restart. The AWS code path:
 * {@link io.stereospot.server.convert.AwsModeQuotaTest}.
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

    /**
     * The count lives in the session's record, so a restarted server over the same data dir goes on from it. The
     * quota is one byte short of all three chunks: counted from zero after the restart, the third would fit.
     */
    @Test
    void theCountSurvivesARestart() throws Exception {
        List<Path> chunks = TestChunks.make(dir.resolve("chunks"), 3, 320, 180);
        long quotaBytes = Files.size(chunks.get(0)) + Files.size(chunks.get(1)) + Files.size(chunks.get(2)) - 1;
        ServerConfig config = TestServers.config(dir.resolve("data"))
                .playback(PlaybackSettings.defaults().withConverter(ConverterSettings.copy()))
                .access(AccessSettings.defaults().withLimits(100, 100, 100, quotaBytes)).build();
        StreamSession session;
        try (StreamServer first = StreamServer.start(config)) {
            session = new ApiClient(first.baseUrl()).createSession();
            put(first, session, 0, chunks.get(0));
        }
        try (StreamServer second = StreamServer.start(config)) {
            put(second, session, 1, chunks.get(1));
            assertThatThrownBy(() -> put(second, session, 2, chunks.get(2)))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorMessage()).contains("upload quota", "used up");
                    });
            assertThat(TestServers.objectFile(second, ObjectKeys.chunk(session.sessionId(), 2))).doesNotExist();
            ApiClient api = new ApiClient(second.baseUrl());
            String done = Await.value("the ended playlist", () -> api.send("GET",
                    "/stream/" + session.sessionId() + "/playlist.m3u8", null).body(),
                    p -> p.contains("#EXT-X-ENDLIST"), Duration.ofSeconds(60));
            assertThat(PlaybackHarness.segmentCount(done)).isEqualTo(2);
            HttpResponse<String> renewal = api.renew(session.sessionId(), "Bearer " + session.renewal().secret());
            assertThat(renewal.statusCode()).isEqualTo(403);
            assertThat(renewal.body()).contains("upload quota", "used up");
        }
    }

    /** A PUT with the session's credentials to {@code server}'s store (its port changes with each start). */
    private static void put(StreamServer server, StreamSession session, int index, Path chunk) {
        UploadGrant old = session.upload();
        UploadGrant here = new UploadGrant(old.accessKeyId(), old.secretAccessKey(), old.sessionToken(),
                old.bucket(), old.region(), server.s3Endpoint().toString(), old.keyPrefix(), old.expiresAt());
        try (S3Client s3 = SessionS3.client(here)) {
            s3.putObject(r -> r.bucket(here.bucket()).key(ObjectKeys.chunk(session.sessionId(), index)),
                    RequestBody.fromFile(chunk));
        }
    }
}
