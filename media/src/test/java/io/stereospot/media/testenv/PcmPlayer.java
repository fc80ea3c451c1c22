package io.stereospot.media.testenv;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntPredicate;

/**
 * Plays generated sound into a PulseAudio sink through {@code pacat} with a small buffer, paced by the wall clock,
 * so a sound starts within a few tens of milliseconds of the moment this JVM decides it starts (what an A/V sync
 * test needs; {@code paplay} of a file starts after an unknown delay).
 */
public final class PcmPlayer implements AutoCloseable {

    public static final int RATE = 48_000;
    private static final int BLOCK_MS = 10;
    private static final int FRAMES_PER_BLOCK = RATE * BLOCK_MS / 1000;

    private final Process pacat;
    private final Thread writer;
    private final AtomicBoolean running = new AtomicBoolean(true);

    /**
     * @param sink       sink name
     * @param frequencyHz tone frequency
     * @param toneOn     for each block index (10 ms each, from the start), whether the tone sounds; called on the
     *                   writer thread just before the block is written, so callers may act in step with it
     */
    public PcmPlayer(Map<String, String> environment, String sink, double frequencyHz, IntPredicate toneOn) {
        this.pacat = ChildProcesses.start(List.of("pacat", "--playback", "-d", sink, "--format=s16le",
                "--rate=" + RATE, "--channels=2", "--latency-msec=" + (2 * BLOCK_MS), "--raw"), environment, null);
        this.writer = new Thread(() -> write(frequencyHz, toneOn), "pcm-player");
        writer.setDaemon(true);
        writer.start();
    }

    private void write(double frequencyHz, IntPredicate toneOn) {
        ByteBuffer block = ByteBuffer.allocate(FRAMES_PER_BLOCK * 4).order(ByteOrder.LITTLE_ENDIAN);
        long start = System.nanoTime();
        long frame = 0;
        try (OutputStream out = pacat.getOutputStream()) {
            for (int index = 0; running.get(); index++) {
                long due = start + index * BLOCK_MS * 1_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                }
                boolean on = toneOn.test(index);
                block.clear();
                for (int i = 0; i < FRAMES_PER_BLOCK; i++, frame++) {
                    short sample = on ? (short) (Math.sin(2 * Math.PI * frequencyHz * frame / RATE) * 16_000) : 0;
                    block.putShort(sample).putShort(sample);
                }
                out.write(block.array());
                out.flush();
            }
        } catch (IOException e) {
            if (running.get()) {
                throw new UncheckedIOException("pacat stopped", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        writer.interrupt();
        try {
            writer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ChildProcesses.end(pacat);
    }
}
