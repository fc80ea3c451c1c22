package io.stereospot.server.convert.depth.model;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Timer;
import java.util.TimerTask;

/**
 * Closes a download's body when no byte has come for a while, so a connection that goes quiet without closing ends
 * the download instead of hanging it (the JDK's HTTP client has a connect timeout but no read timeout).
 */
final class StallWatch implements AutoCloseable {

    private final InputStream body;
    private final long stallNanos;
    private final Timer timer = new Timer("depth-model-download-watch", true);
    private volatile long lastByteNanos = System.nanoTime();
    private volatile long receivedBytes;
    private volatile boolean stalled;

    StallWatch(InputStream body, Duration stallTimeout) {
        this.body = body;
        this.stallNanos = stallTimeout.toNanos();
        long periodMs = Math.max(50, stallTimeout.toMillis() / 4);
        timer.schedule(new TimerTask() {
            @Override
            public void run() {
                check();
            }
        }, periodMs, periodMs);
    }

    void received(int bytes) {
        receivedBytes += bytes;
        lastByteNanos = System.nanoTime();
    }

    long receivedBytes() {
        return receivedBytes;
    }

    boolean stalled() {
        return stalled;
    }

    long stallSeconds() {
        return stallNanos / 1_000_000_000L;
    }

    private void check() {
        if (System.nanoTime() - lastByteNanos > stallNanos) {
            stalled = true;
            timer.cancel();
            try {
                body.close();
            } catch (IOException e) {
                // The reader sees the stall either way: its read fails or ends, and stalled() says why.
            }
        }
    }

    @Override
    public void close() {
        timer.cancel();
    }
}
