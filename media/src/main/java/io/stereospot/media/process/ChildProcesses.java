package io.stereospot.media.process;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Child processes that must not outlive this JVM (an FFmpeg would go on capturing, a feed on holding the screen or
 * the sound device): each is ended when the JVM shuts down, or at once by {@link #endAll()} before it halts.
 */
public final class ChildProcesses {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::endAll, "child-process-reaper"));
    }

    private ChildProcesses() {
    }

    /** Ends {@code process} with the JVM unless it has exited by then; returns it. */
    public static Process endWithJvm(Process process) {
        RUNNING.add(process);
        process.onExit().thenRun(() -> RUNNING.remove(process));
        return process;
    }

    /** Ends every child still running, at once: for a JVM about to halt, where shutdown hooks do not run. */
    public static void endAll() {
        RUNNING.forEach(Process::destroyForcibly);
    }
}
