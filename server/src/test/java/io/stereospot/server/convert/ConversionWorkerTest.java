package io.stereospot.server.convert;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.stereospot.contract.ObjectKeys;
import io.stereospot.contract.SessionIds;
import io.stereospot.media.testenv.Await;
import io.stereospot.server.ingest.ObjectEvents;
import io.stereospot.server.segment.SegmentTimeline;
import io.stereospot.server.segment.TransportSegments;
import io.stereospot.server.store.Bucket;
import io.stereospot.server.store.SessionQuota;
import io.stereospot.server.testing.LocalS3Extension;
import io.stereospot.server.testing.LogCapture;
import io.stereospot.server.testing.TestChunks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker against a real S3 endpoint with chunks made by FFmpeg, told of chunks by the server's own object
 * events, making each segment playable as it goes.
 */
class ConversionWorkerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final WorkerSettings FAST_RETRY = WorkerSettings.defaults()
            .withRetryBackoff(Duration.ofMillis(50)).withParallelSessions(2);

    @RegisterExtension
    static final LocalS3Extension S3 = new LocalS3Extension();

    @TempDir
    static Path shared;
    static List<Path> chunks;

    @TempDir
    Path work;
    Bucket bucket;

    @BeforeAll
    static void makeChunks() throws Exception {
        chunks = TestChunks.make(shared.resolve("chunks"), 3, 160, 120);
    }

    @BeforeEach
    void freshBucket() {
        bucket = S3.newBucket();
    }

    /** The worker as the server runs it: told of chunks by {@link ObjectEvents}, which also lists the bucket. */
    private Running start(Converter converter, WorkerSettings settings) {
        TransportSegments playable = new TransportSegments(bucket,
                new SegmentTimeline(bucket, work.resolve("playable")), work.resolve("playable"));
        ConversionWorker worker = new ConversionWorker(bucket, converter, settings, playable, work.resolve("convert"),
                new SessionQuota(Long.MAX_VALUE))
                .start();
        return new Running(worker, new ObjectEvents(bucket, settings.pollInterval(), List.of(worker)).start());
    }

    private record Running(ConversionWorker worker, ObjectEvents events) implements AutoCloseable {
        @Override
        public void close() {
            events.close();
            worker.close();
        }
    }

    private String upload(String session, int index) {
        String key = ObjectKeys.chunk(session, index);
        bucket.upload(key, chunks.get(index % chunks.size()), "video/mp4");
        return key;
    }

    @Test
    void convertsInIndexOrderAndAfterARestartOnlyWhatIsLeft() throws Exception {
        String session = SessionIds.newId();
        RecordingConverter recording = new RecordingConverter(new CopyConverter());
        for (int i = 0; i < 3; i++) {
            upload(session, i);
        }
        try (Running running = start(recording, FAST_RETRY)) {
            Await.until("3 segments", () -> running.worker().convertedCount() == 3, WAIT);
        }
        assertThat(recording.chunkIndices()).containsExactly(0, 1, 2);
        for (int i = 0; i < 3; i++) {
            assertThat(Files.readAllBytes(S3.s3().file(bucket.name(), ObjectKeys.segment(session, i))))
                    .isEqualTo(Files.readAllBytes(chunks.get(i)));
            assertThat(bucket.exists(ObjectKeys.transportStream(session, i))).as("made playable").isTrue();
            assertThat(bucket.exists(ObjectKeys.segmentDuration(session, i))).as("measured").isTrue();
        }

        // While no worker runs, two more chunks arrive; a new worker converts just those.
        upload(session, 3);
        upload(session, 4);
        RecordingConverter second = new RecordingConverter(new CopyConverter());
        try (Running running = start(second, FAST_RETRY)) {
            // The count moves after the segment is stored: wait on it, not on the object.
            Await.until("segments 3 and 4", () -> running.worker().convertedCount() >= 2, WAIT);
            assertThat(running.worker().convertedCount()).isEqualTo(2);
            assertThat(bucket.exists(ObjectKeys.segment(session, 3))).isTrue();
            assertThat(bucket.exists(ObjectKeys.segment(session, 4))).isTrue();
        }
        assertThat(second.chunkIndices()).as("chunks 3 and 4, which are test chunks 0 and 1").containsExactly(0, 1);
    }

    @Test
    void aNotifiedChunkIsConvertedWithinASecondWithoutPolling() throws Exception {
        String session = SessionIds.newId();
        WorkerSettings noPolling = FAST_RETRY.withPollInterval(Duration.ofHours(1));
        try (Running running = start(new CopyConverter(), noPolling)) {
            String key = upload(session, 0);
            long notified = System.nanoTime();
            running.events().objectStored(key);
            Await.until("segment 0", () -> bucket.exists(ObjectKeys.segment(session, 0)), WAIT);
            long ms = (System.nanoTime() - notified) / 1_000_000;
            assertThat(ms).as("notification to segment, ms").isLessThan(1000);
        }
    }

    @Test
    void aChunkNothingCanReadIsRetriedThenTriedFlatThenLoggedWithStderrAndTheSessionStopsThere() throws Exception {
        String session = SessionIds.newId();
        upload(session, 0);
        bucket.put(ObjectKeys.chunk(session, 1), "this is not an MP4".getBytes(), "video/mp4");
        upload(session, 2);
        Converter remux = ConverterSettings.command(
                "'" + io.stereospot.media.FfmpegBinaries.ffmpeg() + "' -nostdin -y -i {input} -c copy {output}")
                .create();
        try (LogCapture log = new LogCapture(ConversionWorker.class);
                Running running = start(remux, FAST_RETRY)) {
            ConversionWorker worker = running.worker();
            Await.until("chunk 1 given up", () -> worker.failedIndex(session).isPresent(), WAIT);
            assertThat(worker.failedIndex(session)).isEqualTo(OptionalInt.of(1));
            assertThat(log.messages(Level.WARN)).filteredOn(m -> m.contains("chunk 1"))
                    .satisfiesExactly(first -> assertThat(first).contains("attempt 1 of 3"),
                            second -> assertThat(second).contains("attempt 2 of 3"),
                            sbs -> assertThat(sbs).contains("served flat with the sbs converter either"),
                            copy -> assertThat(copy).contains("served flat with the copy converter either"));
            assertThat(log.messages(Level.ERROR)).singleElement().asString()
                    .contains("chunk 1", "after 3 attempts", "nor served flat", "Invalid data found when processing input");
            assertThat(worker.fallbackSegments(session)).isEmpty();
            assertThat(worker.lastConversionError(session)).hasValueSatisfying(error -> assertThat(error)
                    .contains("Invalid data found when processing input").doesNotContain(work.toString()));
        }
        assertThat(bucket.exists(ObjectKeys.segment(session, 0))).isTrue();
        assertThat(bucket.exists(ObjectKeys.segment(session, 1))).isFalse();
        assertThat(bucket.exists(ObjectKeys.segment(session, 2))).as("nothing converted past the gap").isFalse();
    }

    @Test
    void closingTheWorkerInterruptsTheWaitBeforeARetry() throws Exception {
        String session = SessionIds.newId();
        upload(session, 0);
        RecordingConverter failing = new RecordingConverter(ConverterSettings.command("false {input} {output}").create());
        try (LogCapture log = new LogCapture(ConversionWorker.class)) {
            Running running = start(failing, FAST_RETRY.withRetryBackoff(Duration.ofHours(1)));
            try {
                Await.until("the first try", () -> failing.inputs.size() == 1, WAIT);
            } finally {
                long closing = System.nanoTime();
                running.close();
                assertThat(Duration.ofNanos(System.nanoTime() - closing)).as("closing during the wait")
                        .isLessThan(Duration.ofSeconds(5));
            }
            assertThat(running.worker().failedIndex(session)).as("interrupted, not given up").isEmpty();
            assertThat(log.messages(Level.ERROR)).as("a quiet stop").isEmpty();
        }
        assertThat(failing.inputs).hasSize(1);
    }

    @Test
    void sessionsRunInParallelButNoMoreThanThePoolAllows() throws Exception {
        List<String> sessions = List.of(SessionIds.newId(), SessionIds.newId(), SessionIds.newId());
        AtomicInteger active = new AtomicInteger();
        AtomicInteger maxActive = new AtomicInteger();
        Converter overlapping = new Converter() {
            @Override
            public String name() {
                return "overlap-probe";
            }

            @Override
            public void convert(Path input, Path output) throws ConversionException {
                int now = active.incrementAndGet();
                maxActive.accumulateAndGet(now, Math::max);
                try {
                    // Hold the slot until a second session is converting too (or a short deadline passes).
                    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                    while (active.get() < 2 && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                    new CopyConverter().convert(input, output);
                } finally {
                    active.decrementAndGet();
                }
            }
        };
        for (String session : sessions) {
            for (int i = 0; i < 2; i++) {
                upload(session, i);
            }
        }
        try (Running running = start(overlapping, FAST_RETRY)) {
            Await.until("all 6 segments", () -> running.worker().convertedCount() == 6, WAIT);
        }
        assertThat(maxActive.get()).as("sessions converting at once").isEqualTo(2);
    }

    /**
     * One converter thread, busy with a session that has a backlog (as a server started over sessions a closed app
     * left behind): a chunk of a session being captured now is converted next, not after the whole backlog.
     */
    @Test
    void aFreshSessionsChunkGoesBeforeAnotherSessionsBacklog() throws Exception {
        String backlog = SessionIds.newId();
        String live = SessionIds.newId();
        java.util.concurrent.CountDownLatch firstStarted = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        Converter gated = new Converter() {
            @Override
            public String name() {
                return "gated";
            }

            @Override
            public void convert(Path input, Path output) {
                throw new UnsupportedOperationException("the worker names the chunk");
            }

            @Override
            public void convert(Path input, Path output, io.stereospot.contract.ChunkKey chunk)
                    throws ConversionException, InterruptedException {
                order.add((chunk.sessionId().equals(live) ? "live " : "backlog ") + chunk.index());
                firstStarted.countDown();
                release.await();
                new CopyConverter().convert(input, output);
            }
        };
        for (int i = 0; i < 3; i++) {
            upload(backlog, i);
        }
        try (Running running = start(gated, FAST_RETRY.withParallelSessions(1))) {
            firstStarted.await();
            upload(live, 0);
            running.worker().chunkStored(new io.stereospot.contract.ChunkKey(live, 0)); // as the store's notice would
            release.countDown();
            Await.until("all 4 segments", () -> running.worker().convertedCount() == 4, WAIT);
        }
        assertThat(order).containsExactly("backlog 0", "live 0", "backlog 1", "backlog 2");
    }

    /** Copies and remembers what it was asked to convert: which of the test chunks, in order. */
    private static final class RecordingConverter implements Converter {
        final List<byte[]> inputs = new CopyOnWriteArrayList<>();
        private final Converter delegate;

        RecordingConverter(Converter delegate) {
            this.delegate = delegate;
        }

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public void convert(Path input, Path output) throws ConversionException, InterruptedException {
            try {
                inputs.add(Files.readAllBytes(input));
            } catch (java.io.IOException e) {
                throw new ConversionException("Could not read " + input, e);
            }
            delegate.convert(input, output);
        }

        /** Which test chunk each input was, known by content (session chunk i is test chunk i % 3). */
        List<Integer> chunkIndices() throws java.io.IOException {
            List<byte[]> known = new java.util.ArrayList<>();
            for (Path chunk : chunks) {
                known.add(Files.readAllBytes(chunk));
            }
            return inputs.stream().map(bytes -> {
                for (int i = 0; i < known.size(); i++) {
                    if (Arrays.equals(known.get(i), bytes)) {
                        return i;
                    }
                }
                return -1;
            }).toList();
        }
    }
}
