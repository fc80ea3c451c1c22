package io.stereospot.server.convert;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.contract.ObjectKeys;
import io.stereospot.contract.SessionStatus;
import io.stereospot.contract.StreamSession;
import io.stereospot.media.testenv.Await;
import io.stereospot.server.ServerConfig;
import io.stereospot.server.StreamServer;
import io.stereospot.server.access.AccessSettings;
import io.stereospot.server.config.AwsSettings;
import io.stereospot.server.config.Storage;
import io.stereospot.server.config.StorageClients;
import io.stereospot.server.iam.EmbeddedSts;
import io.stereospot.server.iam.RootCredentials;
import io.stereospot.server.playback.PlaybackSettings;
import io.stereospot.server.queue.JobQueue;
import io.stereospot.server.queue.QueueSettings;
import io.stereospot.server.queue.StoreEventPublisher;
import io.stereospot.server.store.Bucket;
import io.stereospot.server.testing.ApiClient;
import io.stereospot.server.testing.LogCapture;
import io.stereospot.server.testing.PlaybackHarness;
import io.stereospot.server.testing.SessionS3;
import io.stereospot.server.testing.TestChunks;
import io.stereospot.server.testing.TestServers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The session quota on the AWS code path: uploads go straight to an S3 endpoint with the session's temporary
 * credentials, and the server sees a chunk only when its converter picks it up. The endpoint is a bare embedded S3 +
 * STS (the real S3 protocol, no quota hook of ours in it), as MinIO or AWS would be. At the edge: chunks adding up to
 * exactly the quota are converted; the next one, which S3 accepts, is not, and the session ends for its quota. Here,
 * beside the converter, because on AWS the converter's count is the only one (the embedded store's PUT-time refusal:
 * {@link io.stereospot.server.access.SessionQuotaTest}).
 */
class AwsModeQuotaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final Deque<AutoCloseable> store = new ArrayDeque<>();
    private StorageClients s3;

    @BeforeEach
    void plainS3AndSts() {
        Path storeDir = dir.resolve("store");
        s3 = new Storage.Embedded(storeDir).open(new Storage.Site("127.0.0.1", 0, 0, ServerConfig.DEFAULT_BUCKET,
                Clock.systemUTC()), store);
        RootCredentials root = RootCredentials.loadOrCreate(storeDir);
        System.setProperty("aws.accessKeyId", root.accessKeyId());
        System.setProperty("aws.secretAccessKey", root.secretAccessKey());
    }

    @AfterEach
    void close() throws Exception {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        while (!store.isEmpty()) {
            store.pop().close();
        }
    }

    /** The worker learns of chunks by listing the bucket, as a server on AWS S3 without a queue does. */
    @Test
    void theChunkPastTheQuotaIsStoredByS3ButNeverConvertedAndTheSessionEnds() throws Exception {
        List<Path> chunks = TestChunks.make(dir.resolve("chunks"), 3, 320, 180);
        long quotaBytes = Files.size(chunks.get(0)) + Files.size(chunks.get(1));
        try (StreamServer aws = StreamServer.start(awsMode(quotaBytes).build())) {
            assertThat(aws.localStore()).isEmpty();
            StreamSession session = uploadAll(aws, chunks);
            assertEndedAtTheQuota(aws, session, quotaBytes);
        }
    }

    /**
     * The worker takes chunks as jobs from SQS, told by the bucket's event notification (here the bare store's
     * publisher): the job of the chunk past the quota is done with, and so is the one after it, which would otherwise
     * wait for its predecessor's segment forever.
     */
    @Test
    void onTheQueueTheJobsPastTheQuotaAreDoneWithNotKeptWaiting() throws Exception {
        List<Path> chunks = TestChunks.make(dir.resolve("chunks"), 4, 320, 180);
        long quotaBytes = Files.size(chunks.get(0)) + Files.size(chunks.get(1));
        try (LogCapture intake = new LogCapture(QueueIntake.class);
                StreamServer aws = StreamServer.start(awsMode(quotaBytes).queue(QueueSettings.embeddedQueue())
                        .build());
                JobQueue queue = JobQueue.connect(aws.queueUrl().orElseThrow())) {
            s3.localStore().orElseThrow().addListener(new StoreEventPublisher(queue, "us-east-1",
                    ServerConfig.DEFAULT_BUCKET, Clock.systemUTC()));
            StreamSession session = uploadAll(aws, chunks);
            assertEndedAtTheQuota(aws, session, quotaBytes);
            Await.until("chunk 3's job done with", () -> intake.messages(Level.INFO).stream().anyMatch(m -> m.equals(
                    "Session " + session.sessionId() + ": chunk 3 came after its session's quota was used up; it is"
                            + " not converted")), Duration.ofSeconds(30));
        }
    }

    private ServerConfig.Builder awsMode(long quotaBytes) {
        return TestServers.config(dir.resolve("unused"))
                .aws(new AwsSettings(EmbeddedSts.LOCAL_ROLE_ARN, "us-east-1", s3.s3Endpoint(), s3.stsEndpoint()))
                .playback(PlaybackSettings.defaults().withConverter(ConverterSettings.copy()))
                .access(AccessSettings.defaults().withLimits(100, 100, 100, quotaBytes));
    }

    /** A session created on {@code aws}, every chunk PUT with its credentials: S3 takes them all. */
    private static StreamSession uploadAll(StreamServer aws, List<Path> chunks) {
        StreamSession session = new ApiClient(aws.baseUrl()).createSession();
        try (S3Client uploader = SessionS3.client(session.upload())) {
            for (int i = 0; i < chunks.size(); i++) {
                String key = ObjectKeys.chunk(session.sessionId(), i);
                uploader.putObject(r -> r.bucket(session.upload().bucket()).key(key),
                        RequestBody.fromFile(chunks.get(i)));
            }
        }
        return session;
    }

    /** The two chunks within the quota playable to the end, the third never converted, the session ended for it. */
    private void assertEndedAtTheQuota(StreamServer aws, StreamSession session, long quotaBytes) throws Exception {
        ApiClient api = new ApiClient(aws.baseUrl());
        String id = session.sessionId();
        Bucket bucket = new Bucket(s3.adminS3(), ServerConfig.DEFAULT_BUCKET);
        assertThat(bucket.exists(ObjectKeys.chunk(id, 2))).as("S3 itself accepts the chunk past the quota").isTrue();

        String done = Await.value("the ended playlist", () -> api.send("GET", "/stream/" + id + "/playlist.m3u8",
                null).body(), p -> p.contains("#EXT-X-ENDLIST"), Duration.ofSeconds(60));
        assertThat(PlaybackHarness.segmentCount(done)).as("exactly the quota's chunks are playable").isEqualTo(2);
        assertThat(bucket.exists(ObjectKeys.segment(id, 1))).isTrue();
        assertThat(bucket.exists(ObjectKeys.segment(id, 2))).as("the chunk past the quota is not converted").isFalse();

        JsonNode record = JSON.readTree(bucket.bytes(ObjectKeys.sessionRecord(id)).orElseThrow());
        assertThat(record.path("chunk_bytes").asLong()).isEqualTo(quotaBytes);
        assertThat(record.path("chunks_counted").asInt()).isEqualTo(2);
        assertThat(record.path("end_reason").asText()).isEqualTo("session_quota_reached");
        SessionStatus status = JSON.readValue(api.send("GET", "/stream_sessions/" + id, null).body(),
                SessionStatus.class);
        assertThat(status.endedByQuota()).as("what the capture stops on: %s", status).isTrue();

        HttpResponse<String> renewal = api.renew(id, "Bearer " + session.renewal().secret());
        assertThat(renewal.statusCode()).isEqualTo(403);
        assertThat(renewal.body()).contains("upload quota", "is used up", "ended the broadcast");
    }
}
