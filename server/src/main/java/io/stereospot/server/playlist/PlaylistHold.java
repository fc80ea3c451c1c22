package io.stereospot.server.playlist;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a playlist answer until the playlist is what the player waits for (its first segment, the next one, the
 * media sequence number it named: see {@link ReloadRule}), or until the longest wait, without holding a thread per
 * waiting player: one scheduler looks at the kept text a few times a second (it costs no store request; the text is
 * rebuilt in the background as soon as the store reports a new segment).
 */
final class PlaylistHold {

    private static final Logger LOG = LoggerFactory.getLogger(PlaylistHold.class);
    /** How often a waiting answer looks again: a tenth of a second, so a held player hears of a segment promptly. */
    static final Duration LOOK_EVERY = Duration.ofMillis(100);

    /**
     * The playlist as it is now.
     *
     * @param segments how many segments it lists (0 … segments - 1)
     * @param entries  how many entries (media sequence numbers) those are: a segment listed in parts counts each
     * @param complete it has ENDLIST: it will not change
     */
    record Playlist(byte[] bytes, int segments, int entries, boolean complete) {
        /** A player can start on it: it lists a segment, or the session is over. */
        boolean startable() {
            return complete || segments > 0;
        }
    }

    /** The playlist as it is now, or empty when there is no such session. */
    @FunctionalInterface
    interface Source {
        Optional<Playlist> now(String sessionId) throws IOException, InterruptedException;
    }

    private final Source source;
    private final ScheduledExecutorService looker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "playlist-hold");
        t.setDaemon(true);
        return t;
    });

    PlaylistHold(Source source) {
        this.source = source;
    }

    /**
     * The playlist bytes once {@code ready} holds (or the session is gone), or after {@code maxWait} as they are
     * then; empty when there is no such session.
     *
     * @param waitingFor what the player waits for, for the log
     */
    CompletableFuture<Optional<byte[]>> await(String sessionId, Predicate<Playlist> ready, Duration maxWait,
            String waitingFor) {
        CompletableFuture<Optional<byte[]>> answer = new CompletableFuture<>();
        if (lookOnce(sessionId, ready, answer, false, waitingFor)) {
            return answer;
        }
        LOG.debug("Session {}: holding a playlist request until {}", sessionId, waitingFor);
        long deadline = System.nanoTime() + maxWait.toNanos();
        ScheduledFuture<?> looking = looker.scheduleWithFixedDelay(
                () -> lookOnce(sessionId, ready, answer, System.nanoTime() - deadline >= 0, waitingFor),
                LOOK_EVERY.toMillis(), LOOK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        answer.whenComplete((body, error) -> looking.cancel(false));
        return answer;
    }

    /** @return true once {@code answer} is complete */
    private boolean lookOnce(String sessionId, Predicate<Playlist> ready, CompletableFuture<Optional<byte[]>> answer,
            boolean lastLook, String waitingFor) {
        try {
            Optional<Playlist> now = source.now(sessionId);
            boolean isReady = now.isEmpty() || ready.test(now.get());
            if (isReady || lastLook) {
                if (!isReady && !now.get().startable()) {
                    LOG.info("Session {}: held a playlist request as long as allowed, but not until {}; answering it as it is",
                            sessionId, waitingFor);
                } else if (!isReady) {
                    // A converter behind the capture makes this happen at every reload of every player: not news.
                    LOG.debug("Session {}: held a playlist request as long as allowed, but not until {}; answering it "
                            + "as it is", sessionId, waitingFor);
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
