package io.stereospot.server.playlist;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a playlist answer until a player can start on it, without holding a thread per waiting player: one
 * scheduler looks at the kept text a few times a second (it costs no store request; the text is rebuilt in the
 * background as soon as the store reports the first segment).
 */
final class FirstSegmentWait {

    private static final Logger LOG = LoggerFactory.getLogger(FirstSegmentWait.class);
    /** How often a waiting answer looks again: well under a segment, so the wait ends promptly. */
    static final Duration LOOK_EVERY = Duration.ofMillis(200);

    /** The playlist as it is now. */
    record Playlist(byte[] bytes, boolean startable) {
    }

    /** The playlist as it is now, or empty when there is no such session. */
    @FunctionalInterface
    interface Source {
        Optional<Playlist> now(String sessionId) throws IOException, InterruptedException;
    }

    private final Source source;
    private final ScheduledExecutorService looker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "playlist-first-segment-wait");
        t.setDaemon(true);
        return t;
    });

    FirstSegmentWait(Source source) {
        this.source = source;
    }

    CompletableFuture<Optional<byte[]>> await(String sessionId, Duration maxWait) {
        CompletableFuture<Optional<byte[]>> answer = new CompletableFuture<>();
        if (lookOnce(sessionId, answer, false)) {
            return answer;
        }
        LOG.debug("Session {}: holding a playlist request until its first segment is listed", sessionId);
        long deadline = System.nanoTime() + maxWait.toNanos();
        ScheduledFuture<?> looking = looker.scheduleWithFixedDelay(
                () -> lookOnce(sessionId, answer, System.nanoTime() >= deadline),
                LOOK_EVERY.toMillis(), LOOK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        answer.whenComplete((body, error) -> looking.cancel(false));
        return answer;
    }

    /** @return true once {@code answer} is complete */
    private boolean lookOnce(String sessionId, CompletableFuture<Optional<byte[]>> answer, boolean lastLook) {
        try {
            Optional<Playlist> now = source.now(sessionId);
            if (now.isEmpty() || now.get().startable() || lastLook) {
                if (lastLook && now.isPresent() && !now.get().startable()) {
                    LOG.info("Session {}: no segment yet after holding a playlist request; answering it as it is",
                            sessionId);
                }
                answer.complete(now.map(Playlist::bytes));
            }
        } catch (IOException | RuntimeException e) {
            answer.completeExceptionally(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.completeExceptionally(e);
        }
        return answer.isDone();
    }
}
