package io.stereospot.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.capture.testing.RecordingListener;
import io.stereospot.capture.testing.ScriptedChunkStore;
import io.stereospot.capture.upload.ChunkUploader;
import io.stereospot.capture.upload.RetryPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broadcast's side of the uploader, with a real uploader on a scripted store. */
class UploadMonitorTest {

    private static final RetryPolicy SLOW = new RetryPolicy(3, Duration.ofSeconds(20), Duration.ofSeconds(20));

    @TempDir
    Path dir;

    private final RecordingListener listener = new RecordingListener();
    private final ListenerDispatch events = new ListenerDispatch(listener);
    private final List<String> endedWith = new CopyOnWriteArrayList<>();
    private final AtomicReference<ChunkUploader> uploader = new AtomicReference<>();
    private final UploadMonitor monitor = new UploadMonitor(events, 3,
            new SpoolLimit(Duration.ofSeconds(60), 1_000_000), uploader::get,
            (reason, sentence) -> endedWith.add(sentence));

    @Test
    void storedChunksAreCountedAndTold() throws Exception {
        ChunkUploader up = new ChunkUploader(new ScriptedChunkStore(), RetryPolicy.DEFAULT, monitor);
        uploader.set(up);
        up.submit(0, Files.write(dir.resolve("0.mp4"), new byte[100]), System.nanoTime());
        up.submit(1, Files.write(dir.resolve("1.mp4"), new byte[200]), System.nanoTime());
        Optional<String> failure = monitor.finish(true, Duration.ofSeconds(10));
        events.close(Duration.ofSeconds(10));

        assertThat(monitor.chunksUploaded()).isEqualTo(2);
        assertThat(listener.uploadedIndices()).containsExactly(0, 1);
        assertThat(failure).isEmpty();
        assertThat(endedWith).isEmpty();
    }

    @Test
    void aRetryIsAWarningAndAFinalFailureEndsTheBroadcastWithItsSentence() {
        uploader.set(new ChunkUploader(new ScriptedChunkStore(), RetryPolicy.DEFAULT, monitor));
        monitor.retrying(4, 2, Duration.ofMillis(1500), "the store answered 503 SlowDown");
        monitor.failed(4, "Upload of chunk 4 failed after 3 attempts: the store answered 503 SlowDown.");
        events.close(Duration.ofSeconds(10));

        assertThat(listener.warnings).containsExactly("Upload of chunk 4 failed (attempt 2 of 3): the store answered"
                + " 503 SlowDown; trying again in 1.5 s.");
        assertThat(endedWith).containsExactly(
                "Upload of chunk 4 failed after 3 attempts: the store answered 503 SlowDown.");
        assertThat(monitor.finish(false, Duration.ofSeconds(10))).contains(endedWith.get(0));
    }

    @Test
    void aStopCutsABackoffUnderWayShort() throws Exception {
        ChunkUploader up = outage();
        assertThat(up.inBackoff()).isTrue();

        monitor.stopRequested();

        assertThat(up.awaitDone(Duration.ofSeconds(2))).as("the 20 s backoff is not waited out").isTrue();
        assertThat(up.isAborted()).isTrue();
        assertThat(endedWith).as("given up, not failed").isEmpty();
        up.close();
    }

    @Test
    void aRetryThatBeginsAfterTheStopIsCutShortToo() throws Exception {
        ScriptedChunkStore store = new ScriptedChunkStore();
        store.failForever = true;
        ChunkUploader up = new ChunkUploader(store, SLOW, monitor);
        uploader.set(up);
        monitor.stopRequested();
        assertThat(up.isAborted()).as("no backoff yet: nothing to cut").isFalse();

        up.submit(0, Files.write(dir.resolve("0.mp4"), new byte[100]), System.nanoTime());

        assertThat(up.awaitDone(Duration.ofSeconds(5))).isTrue();
        assertThat(up.isAborted()).isTrue();
        assertThat(store.puts).hasValue(1);
        up.close();
    }

    @Test
    void aStopBeforeThereIsAnUploaderIsNoProblem() {
        monitor.stopRequested();
        assertThat(monitor.chunksUploaded()).isZero();
    }

    /** An uploader whose store is down for good, with chunk 0 in its 20 s backoff. */
    private ChunkUploader outage() throws Exception {
        CountDownLatch retrying = new CountDownLatch(1);
        ScriptedChunkStore store = new ScriptedChunkStore();
        store.failForever = true;
        ChunkUploader up = new ChunkUploader(store, SLOW, new ChunkUploader.Events() {
            @Override
            public void uploaded(int index, long bytes, long publishLatencyMs) {
                monitor.uploaded(index, bytes, publishLatencyMs);
            }

            @Override
            public void failed(int index, String sentence) {
                monitor.failed(index, sentence);
            }

            @Override
            public void retrying(int index, int attempt, Duration delay, String reason) {
                monitor.retrying(index, attempt, delay, reason);
                retrying.countDown();
            }
        });
        uploader.set(up);
        up.submit(0, Files.write(dir.resolve("0.mp4"), new byte[100]), System.nanoTime());
        assertThat(retrying.await(10, TimeUnit.SECONDS)).isTrue();
        return up;
    }

    @Test
    void whileChunksWaitOutAnOutageEachTickTellsHowLongAndHowMany() throws Exception {
        ChunkUploader up = outage();
        up.submit(1, Files.write(dir.resolve("1.mp4"), new byte[100]), System.nanoTime());
        long now = System.nanoTime();
        monitor.tick(now);
        monitor.tick(now + 12_000_000_000L);
        monitor.recovered(0, Duration.ofSeconds(14));
        events.close(Duration.ofSeconds(10));
        up.close();

        assertThat(listener.waiting).hasSize(2);
        assertThat(listener.waiting.get(0).chunksWaiting()).isEqualTo(2);
        assertThat(listener.waiting.get(1).unreachableFor()).isBetween(Duration.ofSeconds(12),
                Duration.ofSeconds(22));
        assertThat(listener.recovered).containsExactly(new RecordingListener.Outage(Duration.ofSeconds(14), 2));
        assertThat(endedWith).as("within the spool's bound").isEmpty();
    }

    @Test
    void chunksWaitingPastTheSpoolsBoundEndTheBroadcastOnce() throws Exception {
        ChunkUploader up = outage();
        monitor.tick(System.nanoTime() + 61_000_000_000L);
        monitor.tick(System.nanoTime() + 62_000_000_000L);
        Optional<String> failure = monitor.finish(false, Duration.ofSeconds(10));

        assertThat(endedWith).containsExactly("The broadcast stopped: the stream server could not be reached, and"
                + " 1 chunk (0.0 MB) waited longer than 60 s on this computer. The playlist keeps what was uploaded.");
        assertThat(failure).contains(endedWith.get(0));
    }

    @Test
    void afterAStopTheTickNeitherTellsNorEnds() throws Exception {
        ChunkUploader up = outage();
        monitor.stopRequested();
        monitor.tick(System.nanoTime() + 61_000_000_000L);
        events.close(Duration.ofSeconds(10));
        up.close();
        assertThat(listener.waiting).isEmpty();
        assertThat(endedWith).isEmpty();
    }
}
