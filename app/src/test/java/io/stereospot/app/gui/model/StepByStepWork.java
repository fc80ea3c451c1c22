package io.stereospot.app.gui.model;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Background work the test runs when it chooses, on its own thread, which stands in for the FX thread: what a
 * person can do while a task is still running (press Stop during a start) is then a plain sequence of calls.
 */
final class StepByStepWork implements BackgroundWork {

    private final Queue<Runnable> pending = new ArrayDeque<>();

    @Override
    public <T> Future<T> run(Callable<T> action, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        CompletableFuture<T> result = new CompletableFuture<>();
        pending.add(() -> {
            T value;
            try {
                value = action.call();
            } catch (Exception e) {
                result.completeExceptionally(e);
                onFailure.accept(e);
                return;
            }
            result.complete(value);
            onSuccess.accept(value);
        });
        return result;
    }

    @Override
    public void onFx(Runnable step) {
        step.run();
    }

    @Override
    public CompletableFuture<Void> finish(Runnable action) {
        action.run();
        return CompletableFuture.completedFuture(null);
    }

    /** Runs every task handed over so far, and those they hand over in turn; returns how many ran. */
    int runAll() {
        int ran = 0;
        for (Runnable next = pending.poll(); next != null; next = pending.poll()) {
            next.run();
            ran++;
        }
        return ran;
    }
}
