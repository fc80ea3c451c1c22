package io.stereospot.server.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.stereospot.media.process.ExternalProcess;
import java.time.Duration;
import java.util.List;
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
}
