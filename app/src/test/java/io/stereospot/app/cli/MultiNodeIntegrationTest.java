package io.stereospot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.contract.ObjectKeys;
import io.stereospot.contract.StreamSession;
import io.stereospot.media.testenv.Await;
import io.stereospot.server.iam.EmbeddedSts;
import io.stereospot.server.iam.RootCredentials;
import io.stereospot.server.queue.JobQueue;
import io.stereospot.server.testing.ApiClient;
import io.stereospot.server.testing.SessionS3;
import io.stereospot.server.testing.TestChunks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Beyond one machine, on one machine: every role a process of its own, as they would run on several.
 * <ul>
 * <li>1 chunk queue ({@code ./stereospot queue}: ElasticMQ and its dead-letter queue);</li>
 * <li>1 embedded store ({@code server --no-converter --queue URL}: it publishes each chunk as an S3 event);</li>
 * <li>2 API servers ({@code server --no-converter}) that reach that store over its S3 and STS endpoints, as they
 * would reach AWS;</li>
 * <li>3 workers ({@code converter --queue URL}) with a persistent converter script that logs what it does.</li>
 * </ul>
 * 6 streams of real chunks, half created on each API server, with players polling both. One worker is killed with
 * {@code kill -9} while its converter hangs on a chunk; one chunk is poison.
 */
class MultiNodeIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STREAMS = 6;
    private static final int CHUNKS = 5;
    private static final int WORKERS = 3;
    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration VISIBILITY = Duration.ofSeconds(12);

    /** Kept when the test fails: each process's log is in logs/. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private final List<NodeProcess> nodes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stopAll() {
        nodes.forEach(NodeProcess::close);
    }

    @Test
    void apiServersAndWorkersShareOneStoreAndOneQueue() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path marks = Files.createDirectories(dir.resolve("marks"));
        Path converterLog = dir.resolve("converter-runs.log");
        Files.createFile(converterLog);
        Path script = dir.resolve("counting-converter.sh");
        try (var in = io.stereospot.server.convert.ConverterSettings.class
                .getResourceAsStream("counting-converter.sh")) {
            Files.copy(in, script);
        }
        List<Path> chunks = TestChunks.make(dir.resolve("chunks"), CHUNKS, 160, 120);

        // The queue, then the store that publishes to it.
        NodeProcess queue = start("queue", Map.of(), "queue", "--port", "0", "--visibility-timeout",
                VISIBILITY.toSeconds() + "s", "--max-receives", "2");
        String queueUrl = queue.await("^  Queue +(http\\S+)", START);
        String deadUrl = queue.await("^  Dead letters +(http\\S+)", START);
        Path storeData = dir.resolve("store-data");
        NodeProcess store = start("store", Map.of(), "server", "--port", "0", "--no-converter", "--queue", queueUrl,
                "--data-dir", storeData.toString());
        String s3 = store.await("^  S3 +(http\\S+)", START);
        String sts = store.await("^  STS +(http\\S+)", START);
        RootCredentials root = RootCredentials.loadOrCreate(storeData);

        // Everyone else reaches the store as they would reach AWS: its endpoints and a key.
        Map<String, String> remote = new HashMap<>(Map.of("AWS_ACCESS_KEY_ID", root.accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", root.secretAccessKey(), "AWS_REGION", "us-east-1",
                "STEREOSPOT_S3_ENDPOINT", s3));
        Map<String, String> apiEnv = new HashMap<>(remote);
        apiEnv.putAll(Map.of("STEREOSPOT_AWS_ROLE_ARN", EmbeddedSts.LOCAL_ROLE_ARN, "STEREOSPOT_STS_ENDPOINT", sts));
        List<NodeProcess> apiNodes = List.of(start("api-1", apiEnv, "server", "--port", "0", "--no-converter"),
                start("api-2", apiEnv, "server", "--port", "0", "--no-converter"));
        List<NodeProcess> workers = new ArrayList<>();
        for (int i = 1; i <= WORKERS; i++) {
            // One job at a time: the killed worker then holds only the chunk its converter hangs on (a second job
            // converted but not yet acknowledged would rightly be converted again by another worker).
            workers.add(start("worker-" + i, remote, "converter", "--queue", queueUrl, "--parallel", "1",
                    "--converter-persistent", "--converter-command", "bash " + script + " " + converterLog + " "
                            + marks));
        }
        List<URI> apis = new ArrayList<>();
        for (NodeProcess api : apiNodes) {
            apis.add(URI.create(api.await("^  API +(http\\S+)", START)));
        }
        for (NodeProcess worker : workers) {
            worker.await("^(StereoSpot converter is running)", START);
        }

        // Six sessions, half on each API server; session 0's chunk 2 hangs its converter, session 1's chunk 3 is poison.
        List<StreamSession> sessions = new ArrayList<>();
        for (int s = 0; s < STREAMS; s++) {
            sessions.add(new ApiClient(apis.get(s % 2)).createSession());
        }
        String slowSession = sessions.get(0).sessionId();
        String poisonSession = sessions.get(1).sessionId();
        Files.createFile(marks.resolve("slow-" + slowSession + "-2"));
        Files.createFile(marks.resolve("poison-" + poisonSession + "-3"));

        AtomicBoolean playing = new AtomicBoolean(true);
        Set<String> playerFailures = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newCachedThreadPool();
        List<Future<?>> players = new ArrayList<>();
        for (StreamSession session : sessions) {
            for (URI api : apis) {
                players.add(threads.submit(() -> play(api, session.sessionId(), playing, playerFailures)));
            }
        }
        List<Future<?>> uploads = new ArrayList<>();
        for (StreamSession session : sessions) {
            uploads.add(threads.submit(() -> {
                try (S3Client s3Client = SessionS3.client(session.upload())) {
                    for (int i = 0; i < CHUNKS; i++) {
                        int index = i;
                        s3Client.putObject(r -> r.bucket(session.upload().bucket())
                                .key(session.upload().keyPrefix() + ObjectKeys.chunkName(index))
                                .contentType("video/mp4"), RequestBody.fromFile(chunks.get(index)));
                        Thread.sleep(1000); // a capture's pace (a chunk a second here), not a wait for anything
                    }
                }
                return null;
            }));
        }

        // Kill -9 the worker whose converter hangs on session 0's chunk 2, and its converter with it.
        String slowLine = Await.value("a worker's converter to hang on the slow chunk", () -> runs(converterLog)
                .stream().filter(l -> l.startsWith("slow " + slowSession + " 2 ")).findFirst().orElse(null),
                l -> l != null, Duration.ofSeconds(60));
        long killedWorkerPid = Long.parseLong(slowLine.split(" ")[4]);
        NodeProcess killed = workers.stream().filter(w -> w.pid() == killedWorkerPid).findFirst().orElseThrow();
        // The machine dies: the worker, its converter and the converter's own child (the script first, so it cannot
        // go on to finish the chunk when its child dies).
        ProcessHandle converter = ProcessHandle.of(Long.parseLong(slowLine.split(" ")[3])).orElseThrow();
        List<ProcessHandle> converterChildren = converter.descendants().toList();
        converter.destroyForcibly();
        killed.kill9();
        converterChildren.forEach(ProcessHandle::destroyForcibly);
        System.out.println("killed " + killed.name() + " (pid " + killedWorkerPid + ") mid-job");

        for (Future<?> upload : uploads) {
            upload.get();
        }
        for (int s = 0; s < STREAMS; s++) {
            assertThat(new ApiClient(apis.get(s % 2)).end(sessions.get(s)).statusCode()).isEqualTo(200);
        }

        // Every playlist complete and the same on both servers.
        for (StreamSession session : sessions) {
            for (URI api : apis) {
                Await.until(session.sessionId() + " complete on " + api, () -> {
                    String p = playlist(api, session.sessionId());
                    return p != null && p.contains("#EXT-X-ENDLIST");
                }, Duration.ofSeconds(90));
            }
            String first = playlist(apis.get(0), session.sessionId());
            assertThat(playlist(apis.get(1), session.sessionId())).as("the same playlist on both servers")
                    .isEqualTo(first);
            for (int i = 0; i < CHUNKS; i++) {
                assertThat(first).as("0 lost").contains(ObjectKeys.transportStreamName(i));
            }
        }
        playing.set(false);
        for (Future<?> player : players) {
            player.get();
        }
        threads.shutdown();
        assertThat(playerFailures).as("every listed segment played on both servers").isEmpty();

        // Each chunk converted once (the poison one never), by a converter that started once per worker.
        List<String> runs = runs(converterLog);
        Map<String, Long> done = runs.stream().filter(l -> l.startsWith("done "))
                .collect(Collectors.groupingBy(l -> l.split(" ")[1] + "/" + l.split(" ")[2], Collectors.counting()));
        System.out.printf("converter runs: %d done, %d start-ups, %d poison tries%n", done.values().stream()
                .mapToLong(Long::longValue).sum(), runs.stream().filter(l -> l.startsWith("up ")).count(),
                runs.stream().filter(l -> l.startsWith("fail ")).count());
        for (StreamSession session : sessions) {
            for (int i = 0; i < CHUNKS; i++) {
                boolean poison = session.sessionId().equals(poisonSession) && i == 3;
                assertThat(done.getOrDefault(session.sessionId() + "/" + i, 0L))
                        .as("conversions of %s chunk %d", session.sessionId(), i).isEqualTo(poison ? 0L : 1L);
            }
        }
        assertThat(runs.stream().filter(l -> l.startsWith("up "))).as("one converter start-up per worker")
                .hasSize(WORKERS);

        // The killed worker's chunk was converted by another worker.
        String doneSlow = runs.stream().filter(l -> l.startsWith("done " + slowSession + " 2 ")).findFirst()
                .orElseThrow();
        assertThat(Long.parseLong(doneSlow.split(" ")[4])).as("the worker that finished the killed job")
                .isNotEqualTo(killedWorkerPid);

        // The poison chunk: tried on each delivery, then in the dead-letter queue, served flat.
        assertThat(runs.stream().filter(l -> l.startsWith("fail " + poisonSession + " 3 "))).hasSize(2);
        try (JobQueue dead = JobQueue.connect(URI.create(deadUrl)); S3Client admin = S3Client.builder()
                .region(Region.US_EAST_1).endpointOverride(URI.create(s3)).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(root.accessKeyId(),
                        root.secretAccessKey()))).build()) {
            assertThat(dead.pendingCount()).as("jobs in the dead-letter queue").isEqualTo(1);
            String side = admin.getObjectAsBytes(r -> r.bucket("stereospot")
                    .key(ObjectKeys.segmentDuration(poisonSession, 3))).asUtf8String();
            assertThat(JSON.readTree(side).path("fallback").asText()).as("served flat").isEqualTo("sbs");
        }
    }

    private NodeProcess start(String name, Map<String, String> env, String... args) {
        NodeProcess node = NodeProcess.start(name, dir.resolve("logs"), env, args);
        nodes.add(node);
        return node;
    }

    /** A player: the playlist every half second, and each newly listed segment once. */
    private Void play(URI api, String sessionId, AtomicBoolean playing, Set<String> failures) throws Exception {
        Set<String> fetched = new java.util.HashSet<>();
        while (playing.get()) {
            String playlist = playlist(api, sessionId);
            if (playlist != null) {
                for (String line : playlist.lines().filter(l -> l.endsWith(".ts")).toList()) {
                    if (fetched.add(line)) {
                        HttpResponse<byte[]> segment = http.send(HttpRequest.newBuilder(
                                api.resolve("/stream/" + sessionId + "/" + line)).build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        if (segment.statusCode() != 200 || segment.body().length == 0) {
                            failures.add(api + " " + sessionId + " " + line + " -> " + segment.statusCode());
                        }
                    }
                }
            }
            Thread.sleep(500); // a player's reload pace, not a wait for anything
        }
        return null;
    }

    private String playlist(URI api, String sessionId) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    api.resolve("/stream/" + sessionId + "/playlist.m3u8")).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static List<String> runs(Path log) {
        try {
            return Files.readAllLines(log);
        } catch (IOException e) {
            return List.of();
        }
    }
}
