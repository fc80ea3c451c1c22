package io.stereospot.media.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stereospot.media.testenv.Await;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A child outlives no JVM: not one that shuts down (its hook ends the child), nor one killed without running its
 * hooks (the child's watcher sees the JVM's pipe close and ends it). Real processes: a second JVM, a real child.
 */
class ChildProcessesTest {

    private static final Duration ENDED_WITHIN = Duration.ofSeconds(10);

    /** The second JVM: starts a long child under {@link ChildProcesses}, prints its pid, and waits to be ended. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            Process child = ChildProcesses.endWithJvm(new ProcessBuilder("sleep", "300").start());
            System.out.println(child.pid());
            System.out.flush();
            System.in.read(); // blocks until the test kills this JVM
        }
    }

    @Test
    void aChildEndsWhenItsJvmIsKilledWithoutRunningItsShutdownHooks() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "the watcher is a POSIX shell");
        long childPid = startHolderAndReadChildPid(jvm -> jvm.destroyForcibly()); // SIGKILL: no hook runs
        try {
            Await.until("the child ended after its JVM was killed", () -> ended(childPid), ENDED_WITHIN);
        } finally {
            ProcessHandle.of(childPid).ifPresent(ProcessHandle::destroyForcibly); // no orphan when this fails
        }
    }

    @Test
    void aChildEndsWhenItsJvmShutsDown() throws Exception {
        long childPid = startHolderAndReadChildPid(Process::destroy); // SIGTERM: the shutdown hook runs
        Await.until("the child ended after its JVM shut down", () -> ended(childPid), ENDED_WITHIN);
    }

    @Test
    void aWatcherEndsWithItsChildAndLeavesNothingBehind() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "the watcher is a POSIX shell");
        // Found by the process tree, not by what its script says: the one new child of this JVM besides the child.
        Set<Long> before = ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
        Process child = ChildProcesses.endWithJvm(new ProcessBuilder("sleep", "300").start());
        List<ProcessHandle> watchers = ProcessHandle.current().children()
                .filter(p -> p.pid() != child.pid() && !before.contains(p.pid())).toList();
        try {
            assertThat(watchers).as("the child's watcher, a child of this JVM").hasSize(1);
            assertThat(ended(watchers.get(0).pid())).as("the watcher runs while its child does").isFalse();
            child.destroy();
            child.waitFor();
            Await.until("the watcher ended with its child", () -> ended(watchers.get(0).pid()), ENDED_WITHIN);
        } finally {
            child.destroyForcibly();
            watchers.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private interface Ender {
        void end(Process jvm) throws Exception;
    }

    private static long startHolderAndReadChildPid(Ender ender) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Holder.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long childPid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).as("the holder JVM's child pid").isNotNull().matches("\\d+");
            childPid = Long.parseLong(line);
            assertThat(ended(childPid)).as("the child runs while its JVM does").isFalse();
            ender.end(jvm);
            jvm.waitFor();
        } finally {
            jvm.destroyForcibly();
        }
        return childPid;
    }

    /** Gone, or a zombie nobody has reaped yet (an init that does not reap leaves those). */
    private static boolean ended(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
            } catch (java.io.IOException e) {
                return true; // gone between the two looks
            }
        }
        return true;
    }
}
