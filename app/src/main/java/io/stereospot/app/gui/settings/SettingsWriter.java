package io.stereospot.app.gui.settings;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the settings on a thread of its own, once changes have paused: typing a server URL is one write, not one
 * per keystroke, and the FX thread never waits on the disk. A change that comes while one is pending replaces it.
 */
public final class SettingsWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsWriter.class);
    /** How long a close may wait for the last write. */
    private static final long FLUSH_TIMEOUT_MS = 10_000;

    private final Consumer<AppSettings> save;
    private final Duration quietPeriod;
    private final AtomicReference<AppSettings> pending = new AtomicReference<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "settings-writer");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> due;

    /**
     * @param save        writes one set of settings (a {@link SettingsStore}'s save)
     * @param quietPeriod how long no change has to come before the latest is written
     */
    public SettingsWriter(Consumer<AppSettings> save, Duration quietPeriod) {
        this.save = save;
        this.quietPeriod = quietPeriod;
    }

    /** Keeps {@code settings} to write once no further change has come for the quiet period. Returns at once. */
    public synchronized void write(AppSettings settings) {
        pending.set(settings);
        if (due != null) {
            due.cancel(false);
        }
        if (!thread.isShutdown()) {
            due = thread.schedule(this::writePending, quietPeriod.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Writes what is pending now and waits for it (the window closes, the process exits). */
    public void flush() {
        if (thread.isShutdown()) {
            return;
        }
        try {
            thread.submit(this::writePending).get(FLUSH_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            LOG.warn("Settings not saved: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writePending() {
        AppSettings next = pending.getAndSet(null);
        if (next == null) {
            return;
        }
        try {
            save.accept(next);
        } catch (RuntimeException e) {
            // A read-only or full disk must not break the window; the choices still hold for this run.
            LOG.warn("Settings not saved: {}", e.getMessage());
        }
    }

    /** {@link #flush()}, then the thread ends; later changes are not written. */
    @Override
    public synchronized void close() {
        flush();
        thread.shutdown();
    }
}
