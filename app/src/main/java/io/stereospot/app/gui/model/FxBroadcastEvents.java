package io.stereospot.app.gui.model;

import io.stereospot.capture.BroadcastListener;
import io.stereospot.capture.BroadcastState;
import io.stereospot.capture.EncoderProgress;
import io.stereospot.capture.StopReason;
import io.stereospot.contract.StreamSession;
import javafx.application.Platform;

/**
 * The one place engine events cross onto the FX thread. Each broadcast gets its own instance, tagged with its
 * generation, so a late event of an earlier broadcast can never touch the current one's display.
 */
final class FxBroadcastEvents implements BroadcastListener {

    private final MainViewModel model;
    private final long generation;

    FxBroadcastEvents(MainViewModel model, long generation) {
        this.model = model;
        this.generation = generation;
    }

    @Override
    public void stateChanged(BroadcastState state) {
        Platform.runLater(() -> model.onState(generation, state));
    }

    @Override
    public void sessionStarted(StreamSession session) {
        Platform.runLater(() -> model.onSession(generation, session));
    }

    @Override
    public void chunkUploaded(int index, long bytes, long publishLatencyMs) {
        Platform.runLater(() -> model.onChunk(generation, index, bytes, publishLatencyMs));
    }

    @Override
    public void encoderProgress(EncoderProgress progress) {
        Platform.runLater(() -> model.onEncoderProgress(generation, progress));
    }

    @Override
    public void warning(String sentence) {
        Platform.runLater(() -> model.onWarning(generation, sentence));
    }

    @Override
    public void failed(StopReason reason, String sentence) {
        Platform.runLater(() -> model.onFailed(generation, reason, sentence));
    }
}
