package io.stereospot.app.packaging;

import io.stereospot.media.process.ExternalProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The environment of a person who installed the package and has no JDK and no Maven: a PATH made of links to every
 * program of the system's bin folders except those that are part of a JDK or Maven, no JAVA_HOME, and a home
 * folder of its own (settings, data, caches and logs go there).
 */
final class UserWithoutJdk {

    private static final List<String> SYSTEM_BINS = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin",
            "/usr/bin", "/sbin", "/bin");

    private final Path home;
    private final Path bin;
    private final Map<String, String> environment;

    private UserWithoutJdk(Path home, Path bin, Map<String, String> extra) {
        this.home = home;
        this.bin = bin;
        Map<String, String> env = new HashMap<>(extra);
        env.put("PATH", bin.toString());
        env.put("HOME", home.toString());
        // Java takes user.home from the password database, not HOME; JavaCPP's FFmpeg cache is under it.
        env.put("JAVA_TOOL_OPTIONS", "-Duser.home=" + home);
        env.put("LANG", "C.UTF-8");
        env.put("DEBIAN_FRONTEND", "noninteractive");
        this.environment = Map.copyOf(env);
    }

    /** @param extra DISPLAY and PulseAudio's variables of the test desktop (its PATH is replaced) */
    static UserWithoutJdk create(Path dir, Map<String, String> extra) {
        try {
            Path bin = Files.createDirectories(dir.resolve("bin-without-jdk"));
            linkSystemPrograms(bin);
            Path home = Files.createDirectories(dir.resolve("home"));
            Map<String, String> desktop = new HashMap<>(extra);
            desktop.remove("PATH");
            return new UserWithoutJdk(home, bin, desktop);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Links programs installed since (the package's command) into this user's PATH, as a shell would find them. */
    void refreshPath() {
        try {
            linkSystemPrograms(bin);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void linkSystemPrograms(Path bin) throws IOException {
        for (String folder : SYSTEM_BINS) {
            linkProgramsOf(Path.of(folder), bin);
        }
    }

    private static void linkProgramsOf(Path folder, Path bin) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> programs = Files.list(folder)) {
            for (Path program : (Iterable<Path>) programs::iterator) {
                Path link = bin.resolve(program.getFileName().toString());
                if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS) && !partOfJdkOrMaven(program)) {
                    Files.createSymbolicLink(link, program);
                }
            }
        }
    }

    private static boolean partOfJdkOrMaven(Path program) {
        String name = program.getFileName().toString();
        if (name.startsWith("mvn") || name.equals("java") || name.equals("javac") || name.equals("jpackage")) {
            return true;
        }
        try {
            String real = program.toRealPath().toString();
            return real.startsWith("/usr/lib/jvm/") || real.startsWith("/usr/share/maven") || real.contains("/jdk");
        } catch (IOException e) {
            return true; // a dangling link: nothing a user could run anyway
        }
    }

    Path home() {
        return home;
    }

    Map<String, String> environment() {
        return environment;
    }

    /** Runs {@code command} to its end in this environment; a program that cannot start gives exit status -1. */
    ExternalProcess.Output run(Duration timeout, String... command) {
        return ExternalProcess.attempt(throughShell(command), environment, timeout);
    }

    /**
     * Java looks a program's name up on its own PATH, not the child's; a shell started with the child's
     * environment finds it where the user would.
     */
    private static List<String> throughShell(String... command) {
        List<String> line = new ArrayList<>(List.of("/bin/sh", "-c", "exec \"$@\"", "sh"));
        line.addAll(List.of(command));
        return line;
    }

    /** Starts a long-running {@code command} in this environment, its output (both streams) going to {@code log}. */
    Process start(Path log, String... command) {
        ProcessBuilder builder = new ProcessBuilder(throughShell(command)).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + command[0], e);
        }
    }
}
