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

    /** Uploads the files as chunks 0, 1, … and waits until the uploader is done; returns whether it failed. */
    private static boolean uploadAll(ChunkStore store, RetryPolicy policy, Recorded events, Path... files)
            throws InterruptedException {
        try (ChunkUploader uploader = new ChunkUploader(store, policy, events)) {
            for (int i = 0; i < files.length; i++) {
                uploader.submit(i, files[i], System.nanoTime());
            }
            uploader.finish();
            assertThat(uploader.awaitDone(Duration.ofSeconds(10))).isTrue();
            return uploader.hasFailed();
        }
    }

    @Test
    void aRetryableFailureIsTriedAgainAndTheStoredChunkIsDeleted() throws Exception {
        ScriptedChunkStore store = new ScriptedChunkStore();
        store.failures.add(ScriptedChunkStore.busy());
        store.failures.add(ScriptedChunkStore.busy());
        Recorded events = new Recorded();
        Path file = chunk(0);
        assertThat(uploadAll(store, new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20)), events, file))
                .as("failed").isFalse();
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
        assertThat(uploadAll(store, RetryPolicy.DEFAULT, events, chunk(0), chunk(1))).as("failed").isTrue();
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
        uploadAll(store, new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10)), events, chunk(0));
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
