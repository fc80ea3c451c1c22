package io.stereospot.app.gui.model;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Where the window's slow actions run: off the FX thread, with their outcome handed back onto it. {@link FxTasks}
 * is the window's; the model's unit tests run each action in place, so they need no FX toolkit.
 */
interface BackgroundWork {

    /**
     * Runs {@code action} in the background; {@code onSuccess} or {@code onFailure} then runs on the FX thread.
     *
     * @return the pending result, for a caller that must wait for it off the FX thread (process exit)
     */
    <T> Future<T> run(Callable<T> action, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /** From inside a background action: runs {@code step} on the FX thread. */
    void onFx(Runnable step);

    /** Runs {@code action} in the background as the last thing, then takes no more work. */
    CompletableFuture<Void> finish(Runnable action);
}
