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
        final List<String> recovered = new CopyOnWriteArrayList<>();

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

        @Override
        public void recovered(int index, Duration failedFor) {
            recovered.add(index + " after " + failedFor.toMillis() + " ms");
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
            assertThat(uploader.awaitDone(Duration.ofSeconds(2))).as("the 20 s backoff is not waited out").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(2));
            assertThat(uploader.inBackoff()).isFalse();
            assertThat(uploader.hasFailed()).isFalse();
        }
        assertThat(store.puts).hasValue(1);
        assertThat(events.failed).isEmpty();
        assertThat(events.uploaded).isEmpty();
    }

    /**
     * While chunk 0 waits out an outage, the chunks after it wait behind it and the backlog counts them; once the
     * store answers, chunk 0 is stored first, the recovery is told once, and the rest follow in order.
     */
    @Test
    void chunksWaitBehindAnOutageAndFollowInOrderOnceItEnds() throws Exception {
        CountDownLatch secondAttemptBegan = new CountDownLatch(1);
        CountDownLatch serverBack = new CountDownLatch(1);
        List<Integer> stored = new CopyOnWriteArrayList<>();
        ChunkStore store = new ChunkStore() {
            private int attempts;

            @Override
            public void put(int index, Path file) throws UploadAttemptException {
                if (index == 0 && ++attempts == 1) {
                    throw new UploadAttemptException("the store could not be reached (Connection refused)", true,
                            null);
                }
                if (index == 0) {
                    secondAttemptBegan.countDown();
                    try {
                        serverBack.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new UploadAttemptException("interrupted", true, e);
                    }
                }
                stored.add(index);
            }

            @Override
            public void close() {
            }
        };
        Recorded events = new Recorded();
        try (ChunkUploader uploader = new ChunkUploader(store,
                new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20)), events)) {
            assertThat(uploader.backlog(System.nanoTime())).isEqualTo(UploadBacklog.NONE);
            long completed = System.nanoTime();
            uploader.submit(0, chunk(0), completed);
            assertThat(secondAttemptBegan.await(10, TimeUnit.SECONDS)).isTrue();
            uploader.submit(1, chunk(1), completed + 2_000_000_000L);
            uploader.submit(2, chunk(2), completed + 4_000_000_000L);

            UploadBacklog backlog = uploader.backlog(completed + 5_000_000_000L);
            assertThat(backlog.chunks()).isEqualTo(3);
            assertThat(backlog.bytes()).isEqualTo(3000);
            assertThat(backlog.oldestWaiting()).as("chunk 0's age").isEqualTo(Duration.ofSeconds(5));
            assertThat(backlog.stalled()).isTrue();
            assertThat(stored).as("nothing passes the waiting chunk").isEmpty();

            serverBack.countDown();
            uploader.finish();
            assertThat(uploader.awaitDone(Duration.ofSeconds(10))).isTrue();
            assertThat(uploader.backlog(System.nanoTime())).isEqualTo(UploadBacklog.NONE);
        }
        assertThat(stored).containsExactly(0, 1, 2);
        assertThat(events.uploaded).containsExactly("0:1000", "1:1000", "2:1000");
        assertThat(events.recovered).hasSize(1).allMatch(r -> r.startsWith("0 after "));
    }
}
