package io.stereospot.app.gui.model;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.concurrent.Task;

/** One JavaFX {@link Task} per slow action, on daemon threads, so a hung action never keeps the program alive. */
final class FxTasks implements BackgroundWork {

    private final ExecutorService pool;

    FxTasks() {
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stereospot-gui-task-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public <T> Future<T> run(Callable<T> action, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return action.call();
            }
        };
        task.setOnSucceeded(e -> onSuccess.accept(task.getValue()));
        task.setOnFailed(e -> onFailure.accept(task.getException()));
        pool.execute(task);
        return task;
    }

    @Override
    public void onFx(Runnable step) {
        Platform.runLater(step);
    }

    @Override
    public CompletableFuture<Void> finish(Runnable action) {
        return CompletableFuture.runAsync(action, pool).whenComplete((ok, error) -> pool.shutdown());
    }
}
