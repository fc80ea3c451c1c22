package io.stereospot.app.cli;

import java.util.concurrent.CountDownLatch;

/**
 * Keeps a command's process alive until Ctrl-C (or kill) when all its own threads are daemons, and runs its clean-up
 * then.
 */
final class UntilShutdown {

    private UntilShutdown() {
    }

    static void keep(String name, Runnable cleanUp) {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread keeper = new Thread(() -> {
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name + "-keeper");
        keeper.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cleanUp.run();
            stopped.countDown();
        }, name + "-shutdown"));
    }
}
