package io.stereospot.media.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Both ways to run a program to its end: the throwing {@code run} the server uses, the answering {@code attempt}. */
class ExternalProcessTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    private static List<String> sh(String script) {
        return List.of("/bin/sh", "-c", script);
    }

    @Test
    void runKeepsStdoutStrippedAndTheLastTwelveLinesOfStderr() throws Exception {
        ExternalProcess.Result result = ExternalProcess.run(
                sh("printf '  out\\n\\n'; for i in $(seq 1 20); do echo line$i >&2; done; exit 3"), null,
                TEN_SECONDS);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.stdout()).isEqualTo("out");
        assertThat(result.stderrTail().lines()).hasSize(12).startsWith("line9").endsWith("line20");
    }

    @Test
    void runThrowsWhenTheProgramCannotStartOrOutlivesItsDeadline() {
        assertThatThrownBy(() -> ExternalProcess.run(List.of("/no/such/program"), null, TEN_SECONDS))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> ExternalProcess.run(sh("echo almost >&2; exec sleep 30"), null,
                Duration.ofMillis(300))).isInstanceOf(ProcessTimeoutException.class)
                .hasMessage("/bin/sh did not finish within 0 s and was stopped. Last output: almost");
    }

    @Test
    void attemptRunsInExactlyTheGivenEnvironmentAndKeepsStdoutAsBytes() {
        ExternalProcess.Output output = ExternalProcess.attempt(List.of("/usr/bin/env"), Map.of("ONLY", "this"),
                TEN_SECONDS);

        assertThat(output.succeeded()).isTrue();
        assertThat(output.stdoutText()).isEqualTo("ONLY=this\n");

        byte[] binary = ExternalProcess.attempt(sh("printf '\\211PNG\\000\\377'"), Map.of(), TEN_SECONDS).stdout();
        assertThat(binary).containsExactly(0x89, 'P', 'N', 'G', 0x00, 0xff);
    }

    @Test
    void attemptKeepsAllOfStderrAndItsFirstLineMakesTheSentence() {
        ExternalProcess.Output output = ExternalProcess.attempt(
                sh("echo; echo '  first problem' >&2; for i in $(seq 1 30); do echo more$i >&2; done; exit 1"),
                Map.of(), TEN_SECONDS);

        assertThat(output.exitCode()).isEqualTo(1);
        assertThat(output.stderr().lines()).hasSize(31);
        assertThat(output.stderrFirstLine()).isEqualTo("first problem");
    }

    @Test
    void attemptAnswersInsteadOfThrowingWhenTheProgramCannotStartOrDoesNotFinish() {
        ExternalProcess.Output missing = ExternalProcess.attempt(List.of("/no/such/program"), Map.of(), TEN_SECONDS);
        assertThat(missing.exitCode()).isEqualTo(ExternalProcess.NOT_RUN);
        assertThat(missing.stdout()).isEmpty();
        assertThat(missing.stderr()).startsWith("/no/such/program could not be started: ");

        ExternalProcess.Output slow = ExternalProcess.attempt(sh("exec sleep 30"), Map.of(), Duration.ofMillis(300));
        assertThat(slow.exitCode()).isEqualTo(ExternalProcess.NOT_RUN);
        assertThat(slow.stderr()).isEqualTo("/bin/sh did not finish within 300 ms");
    }

    @Test
    void anInterruptedAttemptAnswersAndKeepsTheInterrupt() {
        Thread.currentThread().interrupt();
        try {
            ExternalProcess.Output output = ExternalProcess.attempt(sh("exec sleep 30"), Map.of(), TEN_SECONDS);
            assertThat(output.exitCode()).isEqualTo(ExternalProcess.NOT_RUN);
            assertThat(output.stderr()).isEqualTo("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
