package io.stereospot.capture;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the broadcast's listener on one thread of its own, in the order the events happened, whichever engine
 * thread they came from. A listener that throws is logged and hears the next event; a slow one holds up only
 * other listener calls, never the capture.
 */
final class ListenerDispatch {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerDispatch.class);

    private final BroadcastListener listener;
    private volatile Thread thread;
    private final ExecutorService notifier = Executors.newSingleThreadExecutor(task -> {
        Thread created = DaemonThreads.named("broadcast-events").newThread(task);
        thread = created;
        return created;
    });

    ListenerDispatch(BroadcastListener listener) {
        this.listener = listener;
    }

    /** Queues a call; after {@link #close} it is dropped. */
    void tell(Consumer<BroadcastListener> call) {
        try {
            notifier.execute(() -> {
                try {
                    call.accept(listener);
                } catch (RuntimeException e) {
                    LOG.warn("A broadcast listener failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Event after the end dropped");
        }
    }

    /** True inside a listener call: waiting there for a later event would wait forever. */
    boolean onListenerThread() {
        return Thread.currentThread() == thread;
    }

    /** Lets the listener hear everything told so far (waiting at most {@code timeout}), then takes no more. */
    void close(Duration timeout) {
        notifier.shutdown();
        try {
            notifier.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes no more; what is queued is still delivered, without waiting for it. */
    void shutdown() {
        notifier.shutdown();
    }
}
