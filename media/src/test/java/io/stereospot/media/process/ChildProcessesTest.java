package io.stereospot.media.process;

import static io.stereospot.media.testenv.SecondJvm.ended;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stereospot.media.testenv.Await;
import io.stereospot.media.testenv.SecondJvm;
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
        long childPid = startHolderAndReadChildPid(SecondJvm::kill); // SIGKILL: no hook runs
        try {
            Await.until("the child ended after its JVM was killed", () -> ended(childPid), ENDED_WITHIN);
        } finally {
            ProcessHandle.of(childPid).ifPresent(ProcessHandle::destroyForcibly); // no orphan when this fails
        }
    }

    @Test
    void aChildEndsWhenItsJvmShutsDown() throws Exception {
        long childPid = startHolderAndReadChildPid(SecondJvm::terminate); // SIGTERM: the shutdown hook runs
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
        void end(SecondJvm jvm) throws Exception;
    }

    private static long startHolderAndReadChildPid(Ender ender) throws Exception {
        try (SecondJvm jvm = SecondJvm.start(Holder.class)) {
            String line = jvm.readLine(l -> l.matches("\\d+"));
            assertThat(line).as("the holder JVM's child pid").isNotNull().matches("\\d+");
            long childPid = Long.parseLong(line);
            assertThat(ended(childPid)).as("the child runs while its JVM does").isFalse();
            ender.end(jvm);
            return childPid;
        }
    }
}
