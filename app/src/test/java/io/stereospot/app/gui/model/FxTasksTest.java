package io.stereospot.app.gui.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** The FX toolkit runs (no window is shown): the outcome of each action must come back on its thread. */
class FxTasksTest {

    private final FxTasks tasks = new FxTasks();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void theActionRunsInTheBackgroundAndItsResultArrivesOnTheFxThread() throws Exception {
        CompletableFuture<String> delivered = new CompletableFuture<>();
        Future<String> result = tasks.run(() -> Platform.isFxApplicationThread() ? "on the FX thread" : "done",
                value -> delivered.complete(Platform.isFxApplicationThread() ? value : "not on the FX thread"),
                delivered::completeExceptionally);

        assertThat(delivered.get(10, TimeUnit.SECONDS)).isEqualTo("done");
        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("done");
    }

    @Test
    void aFailureArrivesOnTheFxThreadToo() throws Exception {
        CompletableFuture<Throwable> delivered = new CompletableFuture<>();
        Future<String> result = tasks.run(() -> {
            throw new IllegalStateException("Address already in use");
        }, value -> delivered.complete(null), e -> delivered.complete(Platform.isFxApplicationThread() ? e : null));

        assertThat(delivered.get(10, TimeUnit.SECONDS)).hasMessage("Address already in use");
        assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
    }

    @Test
    void stepsHandedToTheFxThreadRunThere() throws Exception {
        CompletableFuture<Boolean> ran = new CompletableFuture<>();
        tasks.onFx(() -> ran.complete(Platform.isFxApplicationThread()));
        assertThat(ran.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void finishRunsTheLastActionOffTheFxThreadThenTakesNoMore() throws Exception {
        CompletableFuture<Boolean> offFx = new CompletableFuture<>();
        tasks.finish(() -> offFx.complete(!Platform.isFxApplicationThread())).get(10, TimeUnit.SECONDS);

        assertThat(offFx.getNow(false)).isTrue();
        assertThatThrownBy(() -> tasks.run(() -> "late", value -> { }, e -> { }))
                .isInstanceOf(RejectedExecutionException.class);
    }
}
