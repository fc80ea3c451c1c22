package io.stereospot.capture.upload;

import java.time.Duration;

/**
 * The chunks that are complete but not yet stored, at one moment: how many, their size, how long the oldest has
 * waited, and how long uploads have been failing (null while the last attempt did not fail).
 */
public record UploadBacklog(int chunks, long bytes, Duration oldestWaiting, Duration failingFor) {

    public static final UploadBacklog NONE = new UploadBacklog(0, 0, Duration.ZERO, null);

    /** True while the chunk at the head has failed at least once and waits for another attempt. */
    public boolean stalled() {
        return failingFor != null;
    }
}
