package io.stereospot.capture.testing;

import io.stereospot.capture.BroadcastListener;
import io.stereospot.capture.BroadcastState;
import io.stereospot.capture.EncoderProgress;
import io.stereospot.capture.StopReason;
import io.stereospot.contract.SessionStatus;
import io.stereospot.contract.StreamSession;
import io.stereospot.contract.UploadGrant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event a broadcast reports, for assertions; thread-safe. */
public class RecordingListener implements BroadcastListener {

    public record Upload(int index, long bytes, long publishLatencyMs) {
    }

    public record Failure(StopReason reason, String sentence) {
    }

    public record Outage(Duration unreachableFor, int chunksWaiting) {
    }

    public final List<BroadcastState> states = new CopyOnWriteArrayList<>();
    public final List<StreamSession> sessions = new CopyOnWriteArrayList<>();
    public final List<Upload> uploads = new CopyOnWriteArrayList<>();
    public final List<String> warnings = new CopyOnWriteArrayList<>();
    public final List<String> qualities = new CopyOnWriteArrayList<>();
    public final List<Failure> failures = new CopyOnWriteArrayList<>();
    public final List<EncoderProgress> progress = new CopyOnWriteArrayList<>();
    public final List<UploadGrant> renewals = new CopyOnWriteArrayList<>();
    public final List<Outage> waiting = new CopyOnWriteArrayList<>();
    public final List<Outage> recovered = new CopyOnWriteArrayList<>();
    /** The server's conversion status as the broadcast relayed it (not in {@link #order}: it comes every 5 s). */
    public final List<SessionStatus> conversionStatuses = new CopyOnWriteArrayList<>();
    /** Every event in arrival order, as short strings ("state LIVE", "session", "chunk 0", …). */
    public final List<String> order = new CopyOnWriteArrayList<>();

    @Override
    public void stateChanged(BroadcastState state) {
        states.add(state);
        order.add("state " + state);
    }

    @Override
    public void sessionStarted(StreamSession session) {
        sessions.add(session);
        order.add("session");
    }

    @Override
    public void chunkUploaded(int index, long bytes, long publishLatencyMs) {
        uploads.add(new Upload(index, bytes, publishLatencyMs));
        order.add("chunk " + index);
    }

    @Override
    public void credentialsRenewed(UploadGrant upload) {
        renewals.add(upload);
        order.add("renewed");
    }

    @Override
    public void encoderProgress(EncoderProgress p) {
        progress.add(p);
    }

    @Override
    public void conversionStatus(SessionStatus status) {
        conversionStatuses.add(status);
    }

    @Override
    public void qualityChosen(String sentence) {
        qualities.add(sentence);
        order.add("quality");
    }

    @Override
    public void warning(String sentence) {
        warnings.add(sentence);
        order.add("warning");
    }

    @Override
    public void uploadsWaiting(Duration unreachableFor, int chunksWaiting) {
        waiting.add(new Outage(unreachableFor, chunksWaiting));
    }

    @Override
    public void uploadsRecovered(Duration unreachableFor, int chunksWaiting) {
        recovered.add(new Outage(unreachableFor, chunksWaiting));
        order.add("recovered");
    }

    @Override
    public void failed(StopReason reason, String sentence) {
        failures.add(new Failure(reason, sentence));
        order.add("failed " + reason);
    }

    public List<Integer> uploadedIndices() {
        List<Integer> indices = new ArrayList<>();
        uploads.forEach(u -> indices.add(u.index()));
        return indices;
    }

    public boolean uploaded(int index) {
        return uploads.stream().anyMatch(u -> u.index() == index);
    }
}
