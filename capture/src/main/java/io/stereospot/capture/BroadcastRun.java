package io.stereospot.capture;

import io.stereospot.contract.StreamSession;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/** The moving parts of one {@link Broadcast}; package-private so the public class stays a small facade. */
final class BroadcastRun {

    private final Broadcast.Builder config;
    private final AtomicReference<BroadcastState> state = new AtomicReference<>(BroadcastState.IDLE);
    private final CompletableFuture<BroadcastState> termination = new CompletableFuture<>();

    BroadcastRun(Broadcast.Builder config) {
        this.config = config;
    }

    void start() {
        throw new UnsupportedOperationException("Not implemented yet");
    }

    BroadcastState stop(StopReason reason) {
        requestStop(reason);
        return termination.join();
    }

    void requestStop(StopReason reason) {
        if (state.compareAndSet(BroadcastState.IDLE, BroadcastState.STOPPED)) {
            termination.complete(BroadcastState.STOPPED);
        }
    }

    CompletableFuture<BroadcastState> termination() {
        return termination.copy();
    }

    BroadcastState state() {
        return state.get();
    }

    Optional<StreamSession> session() {
        return Optional.empty();
    }

    Optional<StopReason> stopReason() {
        return Optional.empty();
    }

    Optional<String> failureMessage() {
        return Optional.empty();
    }

    String lastEncoderError() {
        return "";
    }

    int chunksUploaded() {
        return 0;
    }
}
