package io.stereospot.capture;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broadcast's control thread, where every decision runs one after another (so the first stop reason wins), and
 * its timer thread. Once shut down, work handed to either is dropped: the broadcast is over.
 */
final class RunThreads {

    private static final Logger LOG = LoggerFactory.getLogger(RunThreads.class);

    private final ExecutorService control = Executors.newSingleThreadExecutor(DaemonThreads.named("broadcast-control"));
    private final ScheduledExecutorService timers =
            Executors.newScheduledThreadPool(1, DaemonThreads.named("broadcast-timers"));
    private final List<ScheduledFuture<?>> scheduled = new CopyOnWriteArrayList<>();

    /** Runs {@code task} on the control thread after what is already queued there; dropped after the end. */
    void decide(Runnable task) {
        try {
            control.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("Control task after the end dropped");
        }
    }

    /** Runs {@code task} on the timer thread every {@code period}, first after one period, until cancelled. */
    void every(Duration period, Runnable task) {
        schedule(() -> timers.scheduleWithFixedDelay(task, period.toMillis(), period.toMillis(),
                TimeUnit.MILLISECONDS));
    }

    /** Runs {@code task} on the timer thread once, after {@code delay}, unless cancelled first. */
    void after(Duration delay, Runnable task) {
        schedule(() -> timers.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void schedule(Supplier<ScheduledFuture<?>> task) {
        try {
            scheduled.add(task.get());
        } catch (RejectedExecutionException e) {
            LOG.debug("Timer after the end dropped");
        }
    }

    /** The timer thread, for a part that schedules its own tasks; hand back what it scheduled. */
    ScheduledExecutorService timers() {
        return timers;
    }

    /** Timer tasks scheduled elsewhere on {@link #timers()}, to be cancelled with the rest. */
    void track(List<ScheduledFuture<?>> tasks) {
        scheduled.addAll(tasks);
    }

    /** Cancels every timer task that has not run yet; one running now finishes. */
    void cancelTimers() {
        scheduled.forEach(f -> f.cancel(false));
    }

    /** No more decisions or timers; the decision running now (the end itself, usually) finishes. */
    void shutdown() {
        timers.shutdownNow();
        control.shutdown();
    }
}
