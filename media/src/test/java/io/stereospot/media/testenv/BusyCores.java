package io.stereospot.media.testenv;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A machine too busy for 1080p30: two spinning threads per core at normal priority, as a laptop decoding the video
 * its user wants in 3D competes with the capture. Tests that need an overload use it, so that they do not depend on
 * the machine they run on being slow (a quiet 2-core CI machine held 1080p30 on the flooding-xterm rig alone).
 */
public final class BusyCores implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    private BusyCores(int threadCount) {
        for (int i = 0; i < threadCount; i++) {
            Thread spinner = new Thread(this::spin, "busy-core-" + i);
            spinner.setDaemon(true);
            threads.add(spinner);
            spinner.start();
        }
    }

    /** Two spinning threads for each core this JVM sees. */
    public static BusyCores twicePerCore() {
        return new BusyCores(2 * Runtime.getRuntime().availableProcessors());
    }

    public int threadCount() {
        return threads.size();
    }

    private void spin() {
        long sink = 0;
        while (running.get()) {
            sink += System.nanoTime() % 7;
        }
        if (sink == 42) {
            System.out.print(""); // keeps the loop from being optimised away
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(5_000);
        }
    }
}
