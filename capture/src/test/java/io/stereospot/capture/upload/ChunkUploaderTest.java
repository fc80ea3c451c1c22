package io.stereospot.capture.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.capture.testing.ScriptedChunkStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The uploader's retry rule on a scripted store: retried, final, and cut short by a Stop. */
class ChunkUploaderTest {

    @TempDir
    Path dir;

    private static final class Recorded implements ChunkUploader.Events {
        final List<String> uploaded = new CopyOnWriteArrayList<>();
        final List<String> failed = new CopyOnWriteArrayList<>();
        final List<String> retries = new CopyOnWriteArrayList<>();
        final CountDownLatch firstRetry = new CountDownLatch(1);

        @Override
        public void uploaded(int index, long bytes, long publishLatencyMs) {
            uploaded.add(index + ":" + bytes);
        }

        @Override
        public void failed(int index, String sentence) {
            failed.add(sentence);
        }

        @Override
        public void retrying(int index, int attempt, Duration delay, String reason) {
            retries.add(index + "/" + attempt + ": " + reason);
            firstRetry.countDown();
        }
    }

    private Path chunk(int index) throws IOException {
        return Files.write(dir.resolve("chunk_" + index + ".mp4"), new byte[1000]);
    }

    @Test
    void aRetryableFailureIsTriedAgainAndTheStoredChunkIsDeleted() throws Exception {
        ScriptedChunkStore store = new ScriptedChunkStore();
        store.failures.add(ScriptedChunkStore.busy());
        store.failures.add(ScriptedChunkStore.busy());
        Recorded events = new Recorded();
        Path file = chunk(0);
        try (ChunkUploader uploader = new ChunkUploader(store,
                new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20)), events)) {
            uploader.submit(0, file, System.nanoTime());
            uploader.finish();
            assertThat(uploader.awaitDone(Duration.ofSeconds(10))).isTrue();
            assertThat(uploader.hasFailed()).isFalse();
        }
        assertThat(store.puts).hasValue(3);
        assertThat(events.retries).containsExactly("0/1: the store answered 503 SlowDown",
                "0/2: the store answered 503 SlowDown");
        assertThat(events.uploaded).containsExactly("0:1000");
        assertThat(file).doesNotExist();
    }

    @Test
    void aRefusalIsFinalAtOnceAndNothingAfterItIsSent() throws Exception {
        ScriptedChunkStore store = new ScriptedChunkStore();
        store.failures.add(new UploadAttemptException("the store refused the credentials (403 AccessDenied)", false,
                null));
        Recorded events = new Recorded();
        try (ChunkUploader uploader = new ChunkUploader(store, RetryPolicy.DEFAULT, events)) {
            uploader.submit(0, chunk(0), System.nanoTime());
            uploader.submit(1, chunk(1), System.nanoTime());
            uploader.finish();
            assertThat(uploader.awaitDone(Duration.ofSeconds(10))).isTrue();
            assertThat(uploader.hasFailed()).isTrue();
        }
        assertThat(store.puts).hasValue(1);
        assertThat(events.retries).isEmpty();
        assertThat(events.failed).containsExactly(
                "Upload of chunk 0 failed after 1 attempt: the store refused the credentials (403 AccessDenied).");
    }

    @Test
    void theLastAttemptsFailureIsTheSentence() throws Exception {
        ScriptedChunkStore store = new ScriptedChunkStore();
        store.failForever = true;
        Recorded events = new Recorded();
        try (ChunkUploader uploader = new ChunkUploader(store,
                new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10)), events)) {
            uploader.submit(0, chunk(0), System.nanoTime());
            uploader.finish();
            assertThat(uploader.awaitDone(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(store.puts).hasValue(2);
        assertThat(events.failed).containsExactly(
                "Upload of chunk 0 failed after 2 attempts: the store answered 503 SlowDown.");
    }

    @Test
    void anAbortCutsABackoffShortAndGivesTheChunkUpWithoutAFailure() throws Exception {
        ScriptedChunkStore store = new ScriptedChunkStore();
        store.failForever = true;
        Recorded events = new Recorded();
        try (ChunkUploader uploader = new ChunkUploader(store,
                new RetryPolicy(3, Duration.ofSeconds(20), Duration.ofSeconds(20)), events)) {
            uploader.submit(0, chunk(0), System.nanoTime());
            assertThat(events.firstRetry.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(uploader.inBackoff()).isTrue();

            long before = System.nanoTime();
            uploader.abort();
            assertThat(uploader.awaitDone(Duration.ofSeconds(2))).as("the 10-20 s backoff is not waited out").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(2));
            assertThat(uploader.inBackoff()).isFalse();
            assertThat(uploader.hasFailed()).isFalse();
        }
        assertThat(store.puts).hasValue(1);
        assertThat(events.failed).isEmpty();
        assertThat(events.uploaded).isEmpty();
    }
}
