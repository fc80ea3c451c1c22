package io.stereospot.media.testenv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A second JVM running a test's holder main class on this JVM's class path: what a child program does when its JVM
 * dies can only be seen from outside that JVM. The holder says what it holds on stdout and then blocks on stdin.
 */
public final class SecondJvm implements AutoCloseable {

    private final Process jvm;
    private final BufferedReader stdout;

    private SecondJvm(Process jvm) {
        this.jvm = jvm;
        this.stdout = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
    }

    public static SecondJvm start(Class<?> main, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        return new SecondJvm(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start());
    }

    /** Its next stdout line that is {@code wanted} (a log may write there too), or null when it ended first. */
    public String readLine(Predicate<String> wanted) throws IOException {
        for (String line; (line = stdout.readLine()) != null; ) {
            if (wanted.test(line)) {
                return line;
            }
        }
        return null;
    }

    /** SIGKILL: no shutdown hook runs. Returns once it is gone. */
    public void kill() throws InterruptedException {
        jvm.destroyForcibly();
        jvm.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM: its shutdown hooks run. Returns once it is gone. */
    public void terminate() throws InterruptedException {
        jvm.destroy();
        jvm.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        jvm.destroyForcibly();
    }

    /** Gone, or a zombie nobody has reaped yet (an init that does not reap leaves those). */
    public static boolean ended(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
            } catch (IOException e) {
                return true; // gone between the two looks
            }
        }
        return true;
    }
}
