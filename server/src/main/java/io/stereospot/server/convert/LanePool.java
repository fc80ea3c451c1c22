package io.stereospot.server.convert;

import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The converter threads, taking one chunk's turn at a time from the session whose newest chunk came most recently.
 * A session that is still being captured is so never kept waiting behind another's backlog: a server started again
 * over sessions a closed app left behind (their captures gone with it) used to convert all of those first, one
 * session after the other, while the new broadcast's first segment waited (over 45 s, measured). Backlogs still get
 * every turn a live session does not need.
 */
final class LanePool {

    /** One chunk's conversion for a lane, ranked by when the lane's newest chunk arrived (newest first). */
    private record Turn(long newestChunkNanos, Runnable work) implements Runnable, Comparable<Turn> {
        @Override
        public void run() {
            work.run();
        }

        @Override
        public int compareTo(Turn other) {
            return Long.compare(other.newestChunkNanos, newestChunkNanos);
        }
    }

    private final ThreadPoolExecutor threads;

    LanePool(int size) {
        AtomicInteger threadNumber = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(size, size, 0, TimeUnit.MILLISECONDS, new PriorityBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "converter-" + threadNumber.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Queues {@code work} as {@code lane}'s next turn. */
    void execute(SessionLane lane, Runnable work) throws RejectedExecutionException {
        threads.execute(new Turn(lane.newestChunkNanos, work));
    }

    void shutdownNow() {
        threads.shutdownNow();
    }

    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return threads.awaitTermination(timeout, unit);
    }
}
