package io.stereospot.media.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Child processes that must not outlive this JVM (an FFmpeg would go on capturing, a feed on holding the screen or
 * the sound device): each is ended when the JVM shuts down, or at once by {@link #endAll()} before it halts.
 *
 * <p>A JVM can also die without running its shutdown hooks (killed, crashed, or its X display gone under GTK), and
 * FFmpeg ignores SIGPIPE and a closed stdin, so it went on spinning at 80 % of a core. Where there is a POSIX shell,
 * each child therefore gets a watcher: a shell blocked reading a pipe from this JVM, which reads end-of-file only
 * when the JVM is gone, and then ends the child (TERM, so FFmpeg finishes its chunk; KILL 5 s later).
 */
public final class ChildProcesses {

    private static final Logger LOG = LoggerFactory.getLogger(ChildProcesses.class);
    private static final Path SHELL = Path.of("/bin/sh");
    /** Child → its watcher (or the child itself where there is none). */
    private static final Map<Process, Process> RUNNING = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::endAll, "child-process-reaper"));
    }

    private ChildProcesses() {
    }

    /** Ends {@code process} with the JVM unless it has exited by then; returns it. */
    public static Process endWithJvm(Process process) {
        Process watcher = watch(process);
        RUNNING.put(process, watcher);
        process.onExit().thenRun(() -> {
            RUNNING.remove(process);
            if (watcher != process) {
                watcher.destroy();
            }
        });
        return process;
    }

    /** Ends every child still running, at once: for a JVM about to halt, where shutdown hooks do not run. */
    public static void endAll() {
        RUNNING.forEach((child, watcher) -> {
            if (watcher != child) {
                watcher.destroyForcibly(); // first, so it does not outlive the child it would end
            }
            child.destroyForcibly();
        });
    }

    private static Process watch(Process child) {
        if (!Files.isExecutable(SHELL)) {
            return child; // Windows: a job object would be the equivalent; not done
        }
        long pid = child.pid();
        String script = "read _; kill -TERM " + pid + " 2>/dev/null; sleep 5; kill -KILL " + pid + " 2>/dev/null";
        try {
            return new ProcessBuilder(SHELL.toString(), "-c", script).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            LOG.warn("No watcher for child process {} ({}): it ends with this JVM's shutdown only", pid,
                    e.getMessage());
            return child;
        }
    }
}
