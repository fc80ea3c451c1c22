package io.stereospot.capture.bench;

import io.stereospot.server.ServerConfig;
import io.stereospot.server.StreamServer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The stream server in a JVM of its own, so the capture benchmark's CPU figures count only the capture side.
 * Prints {@code API <url>} on stdout, then runs until stdin closes.
 */
public final class BenchServer {

    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        try (StreamServer server = StreamServer.start(ServerConfig.builder().port(0).dataDir(Path.of(args[0]))
                .build())) {
            System.out.println("API " + server.baseUrl());
            System.out.flush();
            CountDownLatch done = new CountDownLatch(1);
            Thread watcher = new Thread(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // keep reading until the parent closes our stdin
                    }
                } catch (java.io.IOException ignored) {
                    // parent gone
                }
                done.countDown();
            });
            watcher.setDaemon(true);
            watcher.start();
            done.await();
        }
    }
}
