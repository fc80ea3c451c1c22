package io.stereospot.media.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.media.FfmpegCommandLine;
import io.stereospot.media.process.StopStep.Ask;
import io.stereospot.media.testenv.Await;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Real programs through each step of the stop sequence: the bundled FFmpeg on {@code q}, a program on SIGINT, a job
 * loop on its closed stdin, and a program that ignores every ask and is killed once its grace is over.
 */
class LongLivedProcessTest {

    private static final Duration GRACE = Duration.ofSeconds(10);

    /** FFmpeg making silence for ever, until it is asked to stop. */
    private static LongLivedProcess ffmpeg() throws Exception {
        List<String> command = FfmpegCommandLine.ffmpeg().readingStdin().logLevel("info").with("-re", "-f", "lavfi",
                "-i", "anullsrc=r=48000:cl=stereo", "-f", "null", "-");
        List<String> heard = new CopyOnWriteArrayList<>();
        LongLivedProcess process = LongLivedProcess.of(command).environment(Map.of()).stderrLines(heard::add).start();
        Await.until("FFmpeg is running", () -> heard.stream().anyMatch(l -> l.startsWith("Output #0")), GRACE);
        return process;
    }

    @Test
    void ffmpegFinishesOnQ() throws Exception {
        LongLivedProcess process = ffmpeg();

        assertThat(process.stop(List.of(Ask.QUIT_KEY.within(GRACE)))).as("exit status after q").isZero();
        assertThat(process.stopRequested()).isTrue();
        assertThat(process.stderrTail()).as("FFmpeg's last words, kept").contains("[q] command received. Exiting.");
    }

    @Test
    void aProgramThatDoesNotReadStdinEndsOnSigint() throws Exception {
        // Perl sets its handler whatever SIGINT's disposition was on entry (a shell may not).
        LongLivedProcess process = LongLivedProcess.of(List.of("perl", "-e",
                "$SIG{INT} = sub { print STDERR \"interrupted\\n\"; exit 5 }; print STDERR \"up\\n\"; sleep 300"))
                .start();
        Await.until("the handler is set", () -> process.lastStderrLine().equals("up"), GRACE);

        long started = System.nanoTime();
        int status = process.stop(List.of(Ask.QUIT_KEY.within(Duration.ZERO), Ask.INTERRUPT.within(GRACE)));

        assertThat(status).as("the handler's status, not a kill's 137").isEqualTo(5);
        assertThat(process.lastStderrLine()).isEqualTo("interrupted");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(GRACE);
    }

    @Test
    void aJobLoopIsHeardLineByLineAndEndsAtTheEndOfItsInput() throws Exception {
        List<String> answers = new CopyOnWriteArrayList<>();
        LongLivedProcess process = LongLivedProcess.of(List.of("sh", "-c",
                "while read job; do echo \"done $job\"; done; echo 'no more jobs' >&2; exit 3"))
                .stdoutLines(answers::add).stderrTail(1, line -> line.toUpperCase()).start();
        process.stdin().write("7\n".getBytes(StandardCharsets.UTF_8));
        process.stdin().flush();
        Await.until("the answer to job 7", () -> answers.contains("done 7"), GRACE);

        assertThat(process.stop(List.of(Ask.CLOSE_STDIN.within(GRACE)))).isEqualTo(3);
        assertThat(process.stderrTail()).containsExactly("NO MORE JOBS");
        assertThat(process.exit()).isCompletedWithValue(3);
    }

    @Test
    void aProgramThatIgnoresEveryAskIsKilledAfterTheLastGrace() throws Exception {
        // TERM is ignored, and the ignoring is inherited by the sleeps the loop starts.
        LongLivedProcess process = LongLivedProcess.of(List.of("sh", "-c",
                "trap '' TERM; echo up >&2; while :; do sleep 0.1; done")).start();
        Await.until("the trap is set", () -> process.lastStderrLine().equals("up"), GRACE);
        Duration grace = Duration.ofMillis(500);

        long started = System.nanoTime();
        int status = process.stop(List.of(Ask.TERMINATE.within(grace)));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the grace was given")
                .isGreaterThanOrEqualTo(grace);
        assertThat(status).as("killed: 128 + SIGKILL").isEqualTo(137);
        assertThat(process.isAlive()).isFalse();
        assertThat(process.exit().get(1, TimeUnit.SECONDS)).isEqualTo(137);
    }
}
