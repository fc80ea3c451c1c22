package io.stereospot.server.convert.depth;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The current {@link DepthSource}, and who wants to hear when it changes (the window shows it live). Listeners are
 * called on the thread that changes it (the model's loader), in order, so a window hands the value to its own
 * thread and must not block.
 */
public final class DepthStatus {

    private final List<Consumer<DepthSource>> listeners = new CopyOnWriteArrayList<>();
    private volatile DepthSource current;

    public DepthStatus(DepthSource initial) {
        this.current = Objects.requireNonNull(initial, "initial");
    }

    public DepthSource current() {
        return current;
    }

    /** Calls {@code listener} with the current value now and with every change; the returned action unsubscribes. */
    public synchronized Runnable subscribe(Consumer<DepthSource> listener) {
        listeners.add(listener);
        listener.accept(current);
        return () -> listeners.remove(listener);
    }

    public synchronized void set(DepthSource next) {
        current = Objects.requireNonNull(next, "next");
        for (Consumer<DepthSource> listener : listeners) {
            listener.accept(next);
        }
    }
}
