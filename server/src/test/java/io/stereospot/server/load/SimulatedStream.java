package io.stereospot.server.load;

import io.stereospot.contract.ObjectKeys;
import io.stereospot.contract.StreamSession;
import io.stereospot.server.testing.Latencies;
import io.stereospot.server.testing.SessionS3;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One capture client as the server sees it: its session's temporary credentials, one S3 client for the whole
 * stream, chunk i PUT at {@code start + i × interval}, strictly in order, 3 attempts with jittered backoff, and
 * never a later chunk after one that finally failed.
 */
final class SimulatedStream implements Runnable {

    private static final int MAX_ATTEMPTS = 3;

    private final StreamSession session;
    private final List<Path> chunkFiles;
    private final int chunkCount;
    private final long startNanos;
    private final long intervalNanos;
    private final Latencies putLatency;
    /** Chunk index → when its PUT was acknowledged (System.nanoTime). */
    private final Map<Integer, Long> ackedAtNanos = new ConcurrentHashMap<>();
    private volatile int retries;
    private volatile String failure;

    SimulatedStream(StreamSession session, List<Path> chunkFiles, int chunkCount, long startNanos, long intervalNanos,
            Latencies putLatency) {
        this.session = session;
        this.chunkFiles = chunkFiles;
        this.chunkCount = chunkCount;
        this.startNanos = startNanos;
        this.intervalNanos = intervalNanos;
        this.putLatency = putLatency;
    }

    @Override
    public void run() {
        try (S3Client s3 = SessionS3.client(session.upload())) {
            for (int i = 0; i < chunkCount && !Thread.currentThread().isInterrupted(); i++) {
                // Pacing a load generator, not synchronising a test: a real capture closes a chunk every 5 s.
                long due = startNanos + i * intervalNanos;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (!put(s3, i)) {
                    return;
                }
            }
        }
    }

    private boolean put(S3Client s3, int index) {
        String key = ObjectKeys.chunk(session.sessionId(), index);
        Path file = chunkFiles.get(index % chunkFiles.size());
        for (int attempt = 1; ; attempt++) {
            long began = System.nanoTime();
            try {
                s3.putObject(r -> r.bucket(session.upload().bucket()).key(key).contentType("video/mp4"),
                        RequestBody.fromFile(file));
                long now = System.nanoTime();
                putLatency.record(now - began);
                ackedAtNanos.put(index, now);
                return true;
            } catch (SdkException e) {
                if (attempt == MAX_ATTEMPTS) {
                    failure = "chunk " + index + " failed after " + MAX_ATTEMPTS + " attempts: " + e.getMessage();
                    return false;
                }
                retries++;
                long backoffMs = Math.min(4000, 500L << (attempt - 1));
                LockSupport.parkNanos((backoffMs / 2 + ThreadLocalRandom.current().nextLong(backoffMs / 2 + 1))
                        * 1_000_000);
            }
        }
    }

    StreamSession session() {
        return session;
    }

    /** Acknowledged chunks: always 0 … n-1, since a failed chunk ends the stream. */
    int acknowledged() {
        return ackedAtNanos.size();
    }

    Long ackedAtNanos(int index) {
        return ackedAtNanos.get(index);
    }

    int retries() {
        return retries;
    }

    String failure() {
        return failure;
    }
}
