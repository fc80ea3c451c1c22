package io.stereospot.capture;

import java.util.concurrent.ThreadFactory;

/** A broadcast's own threads are daemons: a forgotten broadcast never keeps the JVM alive. */
final class DaemonThreads {

    private DaemonThreads() {
    }

    static ThreadFactory named(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
