package io.stereospot.server.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.stereospot.media.process.ExternalProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A converter's program runs {@value ConverterProcesses#NICENESS} steps nicer than the server: asked of the OS. */
class ConverterProcessesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    void theProgramRunsAtLowerPriorityThanTheServer() throws Exception {
        assumeFalse(System.getProperty("os.name").startsWith("Windows"), "no nice on Windows (see the class comment)");
        // nice with no arguments prints the niceness it runs at.
        int server = Integer.parseInt(ExternalProcess.run(List.of("nice"), null, TIMEOUT).stdout());
        ExternalProcess.Result converter = ConverterProcesses.run(List.of("nice"), null, TIMEOUT);

        assertThat(converter.succeeded()).as(converter.stderrTail()).isTrue();
        assertThat(Integer.parseInt(converter.stdout()))
                .isEqualTo(Math.min(19, server + ConverterProcesses.NICENESS));
    }

    @Test
    void theCommandItselfIsUnchanged() {
        List<String> command = List.of("ffmpeg", "-i", "a b.mp4", "out.mp4");
        List<String> niced = ConverterProcesses.atLowPriority(command);
        assertThat(niced.subList(niced.size() - command.size(), niced.size())).isEqualTo(command);
    }

    @Test
    void aRenderingThreadIsLoweredAloneAndTheRestOfTheJvmIsNot() throws Exception {
        assumeFalse(System.getProperty("os.name").startsWith("Windows"), "no per-thread niceness on Windows");
        int before = ownNiceness();
        AtomicBoolean lowered = new AtomicBoolean();
        AtomicInteger renderer = new AtomicInteger(Integer.MIN_VALUE);
        Thread thread = new Thread(() -> {
            lowered.set(ConverterProcesses.lowerThisThread());
            renderer.set(ownNiceness());
        });
        thread.start();
        thread.join(TIMEOUT.toMillis());

        assertThat(lowered.get()).isTrue();
        assertThat(renderer.get()).isEqualTo(Math.min(19, before + ConverterProcesses.NICENESS));
        assertThat(ownNiceness()).as("the thread that did not ask").isEqualTo(before);
    }

    /** The calling thread's niceness: field 19 of its own stat line (after the command's closing parenthesis). */
    private static int ownNiceness() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(fields[16]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
