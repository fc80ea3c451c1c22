package io.stereospot.capture.upload;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What a {@link ChunkUploader} told: the chunks uploaded, each failure's sentence, each retry's reason. */
final class RecordedUploads implements ChunkUploader.Events {

    final List<Integer> uploaded = new CopyOnWriteArrayList<>();
    final List<String> failures = new CopyOnWriteArrayList<>();
    final List<String> retries = new CopyOnWriteArrayList<>();
    final List<String> quotaUsedUp = new CopyOnWriteArrayList<>();

    @Override
    public void uploaded(int index, long bytes, long publishLatencyMs) {
        uploaded.add(index);
    }

    @Override
    public void failed(int index, String sentence) {
        failures.add(sentence);
    }

    @Override
    public void quotaUsedUp(int index, String sentence) {
        quotaUsedUp.add(sentence);
    }

    @Override
    public void retrying(int index, int attempt, Duration delay, String reason) {
        retries.add(reason);
    }
}
