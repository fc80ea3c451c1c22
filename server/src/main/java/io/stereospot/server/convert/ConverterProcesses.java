package io.stereospot.server.convert;

import io.stereospot.media.process.ExternalProcess;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a converter's program below normal OS priority. In local mode the converter shares the machine with the
 * capture, and the capture is what the user watches live: an x11grab frame grabbed late is a dropped or repeated frame
 * for good, while a converter that falls behind only delays the playlist a little (docs/benchmarks.md, "Viewing":
 * with the SBS encode at the same priority the capture dropped 48 % and repeated 79 % of its frames at 720p).
 *
 * <p>Linux and macOS: {@code nice -n 10}, which leaves the converter about a tenth of a core that the capture wants.
 * Windows has no such prefix that keeps the arguments as given ({@code start /low} goes through cmd's quoting), so
 * there the converter runs at normal priority.
 */
final class ConverterProcesses {

    static final int NICENESS = 10;
    private static final Optional<Path> NICE = findNice();

    private ConverterProcesses() {
    }

    /** {@code command} prefixed so that it runs at lower priority, or unchanged where that is not possible. */
    static List<String> atLowPriority(List<String> command) {
        // A program that cannot be found is started as given, so that its failure to start reads "could not run
        // (name)" rather than nice's exit status 127.
        if (NICE.isEmpty() || command.isEmpty() || findProgram(command.get(0)).isEmpty()) {
            return command;
        }
        List<String> niced = new ArrayList<>(List.of(NICE.get().toString(), "-n", Integer.toString(NICENESS)));
        niced.addAll(command);
        return niced;
    }

    /** {@link ExternalProcess#run}, at lower priority. */
    static ExternalProcess.Result run(List<String> command, Path workingDir, Duration timeout)
            throws IOException, InterruptedException {
        return ExternalProcess.run(atLowPriority(command), workingDir, timeout);
    }

    private static Optional<Path> findNice() {
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            return Optional.empty();
        }
        return findProgram("nice");
    }

    /** The program as the OS would start it: a path with a slash as it is, else the first match on PATH. */
    private static Optional<Path> findProgram(String program) {
        if (program.contains("/")) {
            Path given = Path.of(program);
            return Files.isExecutable(given) ? Optional.of(given) : Optional.empty();
        }
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin:/bin";
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, program);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
