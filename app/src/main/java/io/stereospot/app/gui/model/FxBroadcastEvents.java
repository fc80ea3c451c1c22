package io.stereospot.app.gui.model;

import io.stereospot.capture.BroadcastListener;
import io.stereospot.capture.BroadcastState;
import io.stereospot.capture.EncoderProgress;
import io.stereospot.capture.StopReason;
import io.stereospot.contract.SessionStatus;
import io.stereospot.contract.StreamSession;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The one place engine events cross onto the FX thread. Each broadcast gets its own instance, tagged with its
 * generation, so a late event of an earlier broadcast can never touch the current one's display.
 */
final class FxBroadcastEvents implements BroadcastListener {

    private final BroadcastController controller;
    private final long generation;
    private final Executor fxThread;

    /** @param fxThread runs a step on the FX thread ({@link BackgroundWork#onFx}) */
    FxBroadcastEvents(BroadcastController controller, long generation, Executor fxThread) {
        this.controller = controller;
        this.generation = generation;
        this.fxThread = fxThread;
    }

    @Override
    public void stateChanged(BroadcastState state) {
        fxThread.execute(() -> controller.onState(generation, state));
    }

    @Override
    public void sessionStarted(StreamSession session) {
        fxThread.execute(() -> controller.onSession(generation, session));
    }

    @Override
    public void chunkUploaded(int index, long bytes, long publishLatencyMs) {
        fxThread.execute(() -> controller.onChunk(generation, index, bytes, publishLatencyMs));
    }

    @Override
    public void encoderProgress(EncoderProgress progress) {
        fxThread.execute(() -> controller.onEncoderProgress(generation, progress));
    }

    @Override
    public void conversionStatus(SessionStatus status) {
        fxThread.execute(() -> controller.onConversionStatus(generation, status));
    }

    @Override
    public void sourceChosen(String description) {
        fxThread.execute(() -> controller.onSourceChosen(generation, description));
    }

    @Override
    public void qualityChosen(String sentence) {
        fxThread.execute(() -> controller.onQualityChosen(generation, sentence));
    }

    @Override
    public void warning(String sentence) {
        fxThread.execute(() -> controller.onWarning(generation, sentence));
    }

    @Override
    public void uploadsWaiting(Duration unreachableFor, int chunksWaiting) {
        fxThread.execute(() -> controller.onUploadsWaiting(generation, unreachableFor, chunksWaiting));
    }

    @Override
    public void uploadsRecovered(Duration unreachableFor, int chunksWaiting) {
        fxThread.execute(() -> controller.onUploadsRecovered(generation, unreachableFor, chunksWaiting));
    }

    @Override
    public void failed(StopReason reason, String sentence) {
        fxThread.execute(() -> controller.onFailed(generation, reason, sentence));
    }
}
